import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor } from '../../../spec/oci-image/types.js';
import { digestOf } from './digest.js';

/** An image held in memory: blobs by digest (config first, then layers) and the manifest bytes. */
export interface ImageContent {
  readonly blobs: ReadonlyMap<string, Buffer>;
  readonly manifest: Buffer;
  readonly mediaType: string;
  /** sha256 of `manifest`. */
  readonly digest: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export interface TestImageOptions {
  /** Layer contents (any bytes: registries do not open layers); default one small deterministic layer. */
  readonly layers?: readonly (Uint8Array | string)[];
  /** 'oci' (default) or 'docker' schema2 media types. */
  readonly format?: 'oci' | 'docker';
  readonly annotations?: Readonly<Record<string, string>>;
  readonly artifactType?: string;
  readonly subject?: Descriptor;
}

/** Build a deterministic image: same options, same bytes, same digests. */
export function buildTestImage(opts: TestImageOptions = {}): ImageContent {
  const docker = opts.format === 'docker';
  const layerBytes = (opts.layers ?? ['shipshape test layer\n']).map((l) => Buffer.from(l));
  const layers = layerBytes.map((bytes) =>
    describe(bytes, docker ? MediaType.dockerLayer : MediaType.ociLayer),
  );
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
    }),
  );
  const configDescriptor = describe(config, docker ? MediaType.dockerConfig : MediaType.ociConfig);
  const mediaType = docker ? MediaType.dockerManifest : MediaType.ociManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      ...(opts.artifactType === undefined ? {} : { artifactType: opts.artifactType }),
      config: configDescriptor,
      layers,
      ...(opts.subject === undefined ? {} : { subject: opts.subject }),
      ...(opts.annotations === undefined ? {} : { annotations: opts.annotations }),
    }),
  );
  const blobs = new Map<string, Buffer>([[configDescriptor.digest, config]]);
  for (const [i, layer] of layers.entries()) blobs.set(layer.digest, layerBytes[i] ?? Buffer.alloc(0));
  return { blobs, manifest, mediaType, digest: digestOf(manifest), config: configDescriptor, layers };
}

/** Build an OCI image index over the given manifests (deterministic bytes). */
export function buildTestIndex(manifests: readonly Descriptor[]): { bytes: Buffer; digest: string } {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }));
  return { bytes, digest: digestOf(bytes) };
}

function describe(bytes: Buffer, mediaType: string): Descriptor {
  return { mediaType, digest: digestOf(bytes), size: bytes.length };
}
