/** RFC 2119 level as the spec words it; `integrity` marks what we require because content is unverifiable otherwise. */
export type Level = 'MUST' | 'SHOULD' | 'MAY' | 'integrity';

/** One requirement a test of this suite checks: where it is stated and our own one-line reading. */
export interface Requirement {
  readonly id: string;
  readonly level: Level;
  /** File under the OCI image-spec (or the Docker Engine API swagger). */
  readonly file: string;
  /** Heading of the section that states it. */
  readonly section: string;
  /** Our paraphrase. */
  readonly text: string;
}

const L = 'layer.md';
const D = 'descriptor.md';
const API = 'docker-engine-api/swagger-v1.41.yaml';

export const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'image:layer.whiteout',
    level: 'MUST',
    file: L,
    section: 'Whiteouts',
    text: 'a .wh.NAME entry deletes NAME of the lower layers, a directory with all it holds',
  },
  {
    id: 'image:layer.whiteout.hidden',
    level: 'MUST',
    file: L,
    section: 'Whiteouts',
    text: 'once applied, whiteout and opaque markers are not visible in the filesystem',
  },
  {
    id: 'image:layer.whiteout.lower-only',
    level: 'MUST',
    file: L,
    section: 'Whiteouts',
    text: 'a whiteout acts only on lower layers: with nothing below to delete it changes nothing, and a later layer may add the path again',
  },
  {
    id: 'image:layer.whiteout.name',
    level: 'SHOULD',
    file: L,
    section: 'Whiteouts',
    text: 'a bare .wh. entry without a name is invalid and should be answered with an error',
  },
  {
    id: 'image:layer.opaque',
    level: 'MUST',
    file: L,
    section: 'Opaque Whiteout',
    text: '.wh..wh..opq hides every lower child of its directory but not the entries of its own layer',
  },
  {
    id: 'image:layer.changeset.dirs',
    level: 'MUST',
    file: L,
    section: 'Changeset over existing files',
    text: 'a directory over a directory merges: the children stay, the attributes become those of the entry',
  },
  {
    id: 'image:layer.changeset.replace',
    level: 'MUST',
    file: L,
    section: 'Changeset over existing files',
    text: 'any other entry over an existing path replaces it (unlink, then recreate): file<->directory, symlink->file',
  },
  {
    id: 'image:layer.attr.mode',
    level: 'MUST',
    file: L,
    section: 'File Attributes',
    text: 'mode bits of an entry, setuid/setgid/sticky included, are applied',
  },
  {
    id: 'image:layer.attr.owner',
    level: 'MUST',
    file: L,
    section: 'File Attributes',
    text: 'uid and gid of an entry are applied (names ignored)',
  },
  {
    id: 'image:layer.attr.mtime',
    level: 'MUST',
    file: L,
    section: 'File Attributes',
    text: 'the modification time of an entry is applied',
  },
  {
    id: 'image:layer.attr.symlink',
    level: 'MUST',
    file: L,
    section: 'File Attributes',
    text: 'a symlink keeps its target text and is not followed or resolved',
  },
  {
    id: 'image:layer.hardlink',
    level: 'MUST',
    file: L,
    section: 'Hardlinks',
    text: 'a hardlink entry makes a second name for the same inode (link count 2)',
  },
  {
    id: 'image:layer.tar',
    level: 'integrity',
    file: L,
    section: 'Distributable Format',
    text: 'a layer that is not a complete tar archive cannot be applied and is refused',
  },
  {
    id: 'image:layer.diff_id',
    level: 'MUST',
    file: 'config.md',
    section: 'Properties (rootfs.diff_ids)',
    text: "each diff_id is the digest of the layer's uncompressed tar: a mismatch is refused",
  },
  {
    id: 'image:descriptor.digest',
    level: 'MUST',
    file: D,
    section: 'Digests',
    text: 'content must match its digest: tampered content is refused',
  },
  {
    id: 'image:descriptor.size',
    level: 'SHOULD',
    file: D,
    section: 'Verification',
    text: 'content whose length differs from the descriptor size should not be trusted',
  },
  {
    id: 'image:blob.missing',
    level: 'integrity',
    file: 'image-layout.md',
    section: 'Blobs',
    text: 'an image whose config, manifest or layer is absent (or not a regular file) cannot be loaded',
  },
  {
    id: 'image:layout',
    level: 'MUST',
    file: 'image-layout.md',
    section: 'Content',
    text: 'an image saved as a layout has oci-layout, index.json and blobs that match their digests',
  },
  {
    id: 'image:docker-archive',
    level: 'MUST',
    file: 'core/image-validator (Docker save format v1.2)',
    section: 'manifest.json',
    text: 'a saved docker-archive has manifest.json, the config and every layer it names',
  },
  {
    id: 'image:spec-constraint',
    level: 'MUST',
    file: 'manifest.md, config.md, descriptor.md',
    section: 'Properties',
    text: 'constraints on images that do not oblige an engine to refuse them: observed, not enforced',
  },
  {
    id: 'docker-api:ImageLoad',
    level: 'MUST',
    file: API,
    section: 'ImageLoad',
    text: 'POST /images/load takes a tar of images; errors arrive as non-2xx or an errorDetail message',
  },
  {
    id: 'docker-api:ImageGet',
    level: 'MUST',
    file: API,
    section: 'ImageGet',
    text: 'GET /images/{name}/get answers a tar of one image',
  },
  {
    id: 'docker-api:ImageGetAll',
    level: 'MUST',
    file: API,
    section: 'ImageGetAll',
    text: 'GET /images/get?names=... answers one tar of several images',
  },
  {
    id: 'containerd:images.import',
    level: 'MUST',
    file: 'ctr images import --help',
    section: 'Implemented formats',
    text: 'ctr imports oci.v1 archives and docker.v1.1/v1.2 archives',
  },
  {
    id: 'containerd:images.export',
    level: 'MUST',
    file: 'ctr images export --help',
    section: 'DESCRIPTION',
    text: 'ctr exports images as an OCI archive with a Docker manifest.json',
  },
];

const BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** The ids given, checked against the table (a typo fails at collection time). */
export function req(...ids: string[]): string[] {
  for (const id of ids) if (!BY_ID.has(id)) throw new Error(`unknown requirement id ${id}`);
  return ids;
}
