/** What an engine must do with one broken corpus kind. */
export interface KindVerdict {
  /** `refuse`: integrity or an explicit spec demand; `informative`: the spec constrains the image, not the engine. */
  readonly verdict: 'refuse' | 'informative';
  /** Requirement id (requirements.ts) behind the verdict. */
  readonly requirement: string;
  /** Why an engine must refuse it, or why refusing is not required. */
  readonly why: string;
}

const refuse = (requirement: string, why: string): KindVerdict => ({ verdict: 'refuse', requirement, why });
const observe = (why: string): KindVerdict => ({
  verdict: 'informative',
  requirement: 'image:spec-constraint',
  why,
});
const MISSING =
  'the blob is a symlink, not a regular file: an engine must not follow it, so the blob is missing';

/** Verdicts for the corpus kinds (fixtures/broken-images) and our extra docker-archive kinds. */
export const VERDICTS: Readonly<Record<string, KindVerdict>> = {
  // docker-archive kinds
  'docker-missing-layer': refuse('image:blob.missing', 'a layer tar named by manifest.json is absent'),
  'docker-diff-id-mismatch': refuse(
    'image:layer.diff_id',
    "the layer tar's sha256 differs from the config diff_id",
  ),
  'docker-manifest-json-shape': refuse(
    'image:blob.missing',
    'no layers listed for a config with one diff_id',
  ),
  'docker-config-name-digest': observe(
    'the config is read by its path; the image ID is its content digest either way',
  ),
  'docker-layer-truncated': refuse(
    'image:layer.tar',
    'a layer tar cut inside a file (diff_id matches the cut bytes)',
  ),
  'docker-config-missing': refuse('image:blob.missing', 'the config file named by manifest.json is absent'),
  // OCI layout kinds (as archives)
  'blob-digest-tampered': refuse(
    'image:descriptor.digest',
    'the config bytes do not match the digest that names them',
  ),
  'blob-missing': refuse('image:blob.missing', 'a layer blob is absent'),
  'diff-id-mismatch': refuse('image:layer.diff_id', 'the layer does not hash to its diff_id'),
  'truncated-layer-tar': refuse('image:layer.tar', 'the layer tar ends inside a header'),
  'truncated-archive': refuse('image:layer.tar', 'the archive itself is cut in the middle'),
  'manifest-not-json': refuse(
    'image:blob.missing',
    'the manifest cannot be parsed, so config and layers are unknown',
  ),
  'self-referencing-index': refuse(
    'image:descriptor.digest',
    'the index is stored under a digest that is not its own',
  ),
  'digest-wrong-length': refuse(
    'image:blob.missing',
    'the manifest digest has 63 hex digits: it names no blob',
  ),
  'symlink-escapes-layout': refuse('image:blob.missing', MISSING),
  'symlink-loop': refuse('image:blob.missing', MISSING),
  'tar-symlink-escapes': refuse('image:blob.missing', MISSING),
  'blob-size-mismatch': refuse(
    'image:descriptor.size',
    'the config is one byte shorter than its descriptor says (SHOULD)',
  ),
  'claimed-10gb-size': refuse(
    'image:descriptor.size',
    'a layer descriptor claims 10 GB for a small blob (SHOULD)',
  ),
  'whiteout-without-name': refuse('image:layer.whiteout.name', 'a bare .wh. entry (SHOULD return an error)'),
  'missing-oci-layout': observe(
    'the oci-layout file is a marker for the layout format; an importer may do without it',
  ),
  'bad-image-layout-version': observe('a malformed marker file; the blobs themselves are sound'),
  'blob-bad-name': observe('an extra, unreferenced file under blobs/'),
  'index-nesting-too-deep': observe('ten nested indexes are legal; the depth limit is the validator’s own'),
  'manifest-schema-version': observe('schemaVersion 3 breaks the manifest schema; the content is sound'),
  'index-platform-malformed': observe(
    'a platform object without os; the engine may choose or skip the entry',
  ),
  'annotation-non-string': observe(
    'annotations are optional metadata; refusing them is allowed, not required',
  ),
  'digest-uppercase-hex': observe(
    'the digest grammar forbids upper case; the engine may refuse or canonicalise',
  ),
  'descriptor-negative-size': observe('a negative size breaks the descriptor schema; the content is sound'),
  'descriptor-bad-media-type': observe('an invalid media type string; unknown media types must not error'),
  'config-missing-os': observe('os is REQUIRED in the config; the engine may still run the image'),
  'config-rootfs-type': observe("rootfs.type must be 'layers'; engines may ignore it"),
  'empty-descriptor-wrong-size': observe('an artifact manifest, not a runnable image'),
  'artifact-type-missing': observe('an artifact manifest without artifactType, not a runnable image'),
  'dangling-subject': observe('a subject that is absent is allowed (warning only)'),
  'digest-unregistered-algorithm': observe('unregistered algorithms SHOULD pass when they fit the grammar'),
  'gzip-type-uncompressed-layer': observe(
    'the media type is wrong, the content is intact; engines may sniff compression',
  ),
  'whiteout-not-regular-file': observe('a whiteout that is a directory; the engine may refuse or apply it'),
  'whiteout-target-same-layer': observe('whiteouts only act on lower layers: the file must simply stay'),
  'duplicate-layer-entry': observe('a tar with one path twice: the later entry wins in tar semantics'),
};

export const verdictOf = (kind: string): KindVerdict =>
  VERDICTS[kind] ?? observe('a corpus kind this suite has not classified yet');
