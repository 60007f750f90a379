/** Media types the image store reads and writes (OCI image-spec and Docker schema2). */
export const MediaType = {
  ociLayout: 'application/vnd.oci.layout.header.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export const isIndexType = (mediaType: string | undefined): boolean =>
  mediaType === MediaType.ociIndex || mediaType === MediaType.dockerList;

export const isManifestType = (mediaType: string | undefined): boolean =>
  mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest;
