import { MediaType } from '../../../spec/oci-image/media-types.js';

/** The Accept list sent when the caller names none: every manifest kind above, OCI first. */
export const DEFAULT_MANIFEST_ACCEPT: readonly string[] = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerList,
];

/** A Content-Type without parameters (`; charset=...`), lower-cased. */
export function bareMediaType(contentType: string | undefined): string | undefined {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase();
  return bare === '' ? undefined : bare;
}
