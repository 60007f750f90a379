import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { Seed } from './seed.js';

/** One manifest kind of the seed, as the pull tests address it. */
export interface ManifestForm {
  readonly label: string;
  readonly mediaType: string;
  pick(seed: Seed): { readonly bytes: Buffer; readonly digest: string; readonly tag: string };
}

/** The three manifest kinds the seed holds: OCI image manifest, Docker schema2 manifest, OCI index. */
export const MANIFEST_FORMS: readonly ManifestForm[] = [
  {
    label: 'OCI image manifest',
    mediaType: MediaType.ociManifest,
    pick: (s) => ({ bytes: s.oci.manifest, digest: s.oci.digest, tag: s.tags.oci }),
  },
  {
    label: 'Docker schema2 manifest',
    mediaType: MediaType.dockerManifest,
    pick: (s) => ({ bytes: s.docker.manifest, digest: s.docker.digest, tag: s.tags.docker }),
  },
  {
    label: 'OCI image index',
    mediaType: MediaType.ociIndex,
    pick: (s) => ({ bytes: s.index.bytes, digest: s.index.digest, tag: s.tags.index }),
  },
];

/** Every manifest type this suite knows, for an Accept header that takes anything. */
export const ALL_MANIFEST_TYPES: readonly string[] = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerList,
];
