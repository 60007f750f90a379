/** Media types the validator understands (image-spec media-types.md plus Docker's equivalents). */
export const MT = {
  descriptor: 'application/vnd.oci.descriptor.v1+json',
  layoutHeader: 'application/vnd.oci.layout.header.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  empty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** The empty JSON blob `{}` and its descriptor values. */
export const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
export const EMPTY_SIZE = 2;

/** RFC 6838 section 4.2 restricted-name, for both type and subtype. */
const NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
export const MEDIA_TYPE_PATTERN = `^${NAME}/${NAME}$`;

export type Compression = 'none' | 'gzip' | 'zstd';

const LAYER_TYPES: Readonly<Record<string, Compression>> = {
  'application/vnd.oci.image.layer.v1.tar': 'none',
  'application/vnd.oci.image.layer.v1.tar+gzip': 'gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd': 'zstd',
  'application/vnd.oci.image.layer.nondistributable.v1.tar': 'none',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip': 'gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd': 'zstd',
  'application/vnd.docker.image.rootfs.diff.tar': 'none',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'gzip',
  'application/vnd.docker.image.rootfs.diff.tar.zstd': 'zstd',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'gzip',
};

/** The compression a layer media type declares, or undefined when it is not a tar layer type. */
export function layerCompression(mediaType: string): Compression | undefined {
  return LAYER_TYPES[mediaType];
}

export const isIndexType = (t: string): boolean => t === MT.index || t === MT.dockerList;
export const isManifestType = (t: string): boolean => t === MT.manifest || t === MT.dockerManifest;
export const isConfigType = (t: string): boolean => t === MT.config || t === MT.dockerConfig;
