import type { Defect, Severity } from './types.js';

/** One checked requirement: its default severity, the spec section it comes from, and what it says. */
export interface Rule {
  readonly severity: Severity;
  readonly spec: string;
  readonly summary: string;
}

const DOCKER_SPEC = 'moby image/spec/v1.2.md#combined-image-json--filesystem-changeset-format';

/** Every rule the validator reports, by stable id. Ids never change meaning; add new ones instead. */
export const RULES = {
  'image:descriptor': r(
    'error',
    'descriptor.md#properties',
    'a descriptor is an object with mediaType, digest, size',
  ),
  'image:descriptor.mediaType': r(
    'error',
    'descriptor.md#properties',
    'mediaType follows RFC 6838 type/subtype',
  ),
  'image:descriptor.digest': r('error', 'descriptor.md#digests', 'digest matches algorithm ":" encoded'),
  'image:descriptor.digest.encoded': r(
    'error',
    'descriptor.md#registered-algorithms',
    'a registered algorithm fixes the encoded form (sha256: 64, sha512: 128 lowercase hex)',
  ),
  'image:descriptor.digest.unregistered': r(
    'error',
    'descriptor.md#registered-algorithms',
    'an algorithm other than sha256/sha512 fits the grammar but its content cannot be verified here',
  ),
  'image:descriptor.size': r('error', 'descriptor.md#properties', 'size is a non-negative integer'),
  'image:descriptor.urls': r('error', 'descriptor.md#properties', 'urls entries are RFC 3986 URIs'),
  'image:descriptor.data': r('error', 'descriptor.md#properties', 'data is base64 of exactly the content'),
  'image:descriptor.artifactType': r('error', 'descriptor.md#properties', 'artifactType follows RFC 6838'),
  'image:descriptor.platform': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'platform has string architecture and os; os.version string, os.features and features string arrays',
  ),
  'image:descriptor.empty': r(
    'error',
    'manifest.md#guidance-for-an-empty-descriptor',
    'the empty descriptor has size 2 and the digest of {}',
  ),
  'image:descriptor.mediaType.content': r(
    'error',
    'descriptor.md#properties',
    "a blob's bytes are what its mediaType says: JSON for manifests, indexes and configs, tar/gzip/zstd for layers",
  ),
  'image:mediaType.unknown': r(
    'error',
    'media-types.md#oci-image-media-types',
    'a media type this validator does not know, so the content behind it cannot be verified',
  ),
  'image:descriptor.mediaType.mismatch': r(
    'warning',
    'media-types.md#media-type-conflicts',
    "a document's own mediaType equals the descriptor's",
  ),
  'image:annotations': r('error', 'annotations.md#rules', 'annotations map strings to strings'),
  'image:annotations.ref-name': r(
    'warning',
    'annotations.md#pre-defined-annotation-keys',
    'org.opencontainers.image.ref.name follows the ref grammar',
  ),
  'image:manifest': r('error', 'manifest.md#image-manifest-property-descriptions', 'manifest structure'),
  'image:manifest.schemaVersion': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'schemaVersion is 2',
  ),
  'image:manifest.mediaType': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'mediaType, when present, is application/vnd.oci.image.manifest.v1+json',
  ),
  'image:manifest.artifactType': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'artifactType is set when config.mediaType is the empty media type',
  ),
  'image:manifest.config': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'config is a descriptor',
  ),
  'image:manifest.layers': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'layers is an array of descriptors',
  ),
  'image:manifest.subject': r(
    'error',
    'manifest.md#image-manifest-property-descriptions',
    'subject is a descriptor',
  ),
  'image:subject.dangling': r(
    'warning',
    'manifest.md#image-manifest-property-descriptions',
    'the subject manifest is not in this layout (a weak association; it may live elsewhere)',
  ),
  'image:index': r('error', 'image-index.md#image-index-property-descriptions', 'index structure'),
  'image:index.schemaVersion': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'schemaVersion is 2',
  ),
  'image:index.mediaType': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'mediaType, when present, is application/vnd.oci.image.index.v1+json',
  ),
  'image:index.manifests': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'manifests is an array of descriptors',
  ),
  'image:index.subject': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'subject is a descriptor',
  ),
  'image:config': r('error', 'config.md#properties', 'config structure and field types'),
  'image:config.architecture': r('error', 'config.md#properties', 'architecture is a required string'),
  'image:config.os': r('error', 'config.md#properties', 'os is a required string'),
  'image:config.created': r('error', 'config.md#properties', 'created is an RFC 3339 date-time'),
  'image:config.rootfs': r('error', 'config.md#properties', 'rootfs is a required object'),
  'image:config.rootfs.type': r('error', 'config.md#properties', "rootfs.type is 'layers'"),
  'image:config.rootfs.diff_ids': r(
    'error',
    'config.md#properties',
    'rootfs.diff_ids is an array of digests',
  ),
  'image:json.syntax': r('error', 'considerations.md#json', 'JSON documents are UTF-8 JSON objects'),
  'image:json.size': r('error', 'considerations.md#json', "a JSON document fits the validator's size bound"),
  'image:layout.oci-layout': r('error', 'image-layout.md#content', 'oci-layout exists and is a JSON object'),
  'image:layout.imageLayoutVersion': r(
    'error',
    'image-layout.md#oci-layout-file',
    'imageLayoutVersion is a known version string',
  ),
  'image:layout.index-json': r(
    'error',
    'image-layout.md#indexjson-file',
    'index.json exists and is an image index',
  ),
  'image:layout.blobs': r('error', 'image-layout.md#content', 'the blobs directory exists'),
  'image:layout.blob-name': r(
    'error',
    'image-layout.md#blobs',
    'blobs/<alg>/<encoded> names follow the digest grammar',
  ),
  'image:layout.symlink': r('error', 'image-layout.md#content', 'links stay inside the layout and resolve'),
  'image:layout.file-type': r(
    'warning',
    'image-layout.md#content',
    'layout entries are regular files or directories',
  ),
  'image:archive.tar': r('error', 'image-layout.md#content', 'the archive is a complete tar'),
  'image:blob.missing': r('error', 'image-layout.md#blobs', 'every referenced blob is present'),
  'image:blob.digest': r('error', 'image-layout.md#blobs', 'blob content matches its digest'),
  'image:blob.size': r('error', 'descriptor.md#properties', 'blob length equals the descriptor size'),
  'image:graph.cycle': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'index references form no cycle',
  ),
  'image:graph.depth': r(
    'error',
    'image-index.md#image-index-property-descriptions',
    'index nesting within the bound',
  ),
  'image:layer.compression': r(
    'error',
    'layer.md#gzip-media-types',
    "a layer's bytes match its declared compression",
  ),
  'image:layer.unverified': r(
    'error',
    'layer.md#distributable-format',
    'layer content could not be decompressed here (a compression other than gzip and zstd)',
  ),
  'image:layer.tar': r('error', 'layer.md#distributable-format', 'a layer is a complete, well-formed tar'),
  'image:layer.duplicate': r('error', 'layer.md#distributable-format', 'no duplicate entries for a path'),
  'image:layer.whiteout.name': r('error', 'layer.md#whiteouts', 'a whiteout names a basename to delete'),
  'image:layer.whiteout.type': r('error', 'layer.md#whiteouts', 'whiteouts are regular files'),
  'image:layer.whiteout.empty': r('warning', 'layer.md#whiteouts', 'whiteouts are empty files'),
  'image:layer.whiteout.same-layer': r(
    'error',
    'layer.md#whiteouts',
    'a whiteout applies only to lower layers: its target is not in the same layer',
  ),
  'image:layer.diff_id': r(
    'error',
    'config.md#layer-diffid',
    'diff_ids equal the sha256 of the uncompressed layers',
  ),
  'docker:manifest-json': r('error', DOCKER_SPEC, 'manifest.json lists Config, RepoTags, Layers per image'),
  'docker:repositories': r('error', DOCKER_SPEC, 'repositories maps names to tag -> id maps'),
  'docker:file.missing': r('error', DOCKER_SPEC, 'every file manifest.json names is present'),
  'docker:config.digest': r('error', DOCKER_SPEC, "a config file's name is the sha256 of its content"),
  'registry:fetch': r(
    'error',
    'distribution spec.md#pulling-manifests',
    'every manifest and blob an image references can be pulled from its repository',
  ),
  'registry:digest-header': r(
    'error',
    'distribution spec.md#pulling-manifests',
    'Docker-Content-Digest, when sent, is the digest of the content',
  ),
  'registry:content-type': r(
    'error',
    'distribution spec.md#pulling-manifests',
    "a manifest's Content-Type equals its mediaType field",
  ),
  'shipshape:limit': r(
    'error',
    'considerations.md#extensibility',
    "content exceeds one of the validator's bounds",
  ),
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** What could not be verified rather than was found wrong: errors by default, warnings with `lenient`. */
export const UNVERIFIABLE: ReadonlySet<RuleId> = new Set<RuleId>([
  'image:descriptor.digest.unregistered',
  'image:mediaType.unknown',
  'image:layer.unverified',
]);

function r(severity: Severity, spec: string, summary: string): Rule {
  return { severity, spec, summary };
}

/** Build a defect for `ruleId` with the rule's severity and spec section. */
export function defect(
  ruleId: RuleId,
  path: string,
  message: string,
  extra?: { blob?: string | undefined; severity?: Severity },
): Defect {
  const rule: Rule = RULES[ruleId];
  const out: Defect = { ruleId, severity: extra?.severity ?? rule.severity, path, message, spec: rule.spec };
  return extra?.blob === undefined ? out : { ...out, blob: extra.blob };
}
