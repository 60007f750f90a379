/** RFC 2119 level of a requirement as the distribution-spec words it (or as we read it, see `text`). */
export type Level = 'MUST' | 'SHOULD' | 'MAY';

/** One requirement of the OCI distribution-spec that a test in this suite checks. */
export interface Requirement {
  readonly id: string;
  readonly level: Level;
  /** Heading of the spec section that states it. */
  readonly section: string;
  /** Row of the spec's endpoint table (end-1 .. end-14) or error-code table (code-1 .. code-14). */
  readonly ref?: string;
  /** Our paraphrase. */
  readonly text: string;
}

const P = 'Pulling manifests';
const B = 'Pulling blobs';
const H = 'Checking if content exists in the registry';
const PP = 'POST then PUT';
const CH = 'Pushing a blob in chunks';
const M = 'Pushing Manifests';
const T = 'Listing Tags';
const R = 'Listing Referrers';
const E = 'Error Codes';

const TABLE: readonly Requirement[] = [
  {
    id: 'dist:api.determining-support',
    level: 'MUST',
    section: 'Determining Support',
    ref: 'end-1',
    text: 'GET /v2/ answers 200 on a registry that implements the spec',
  },
  {
    id: 'dist:pull.manifest.get',
    level: 'MUST',
    section: P,
    ref: 'end-3',
    text: 'GET of an existing manifest by tag or digest answers 200 with the manifest',
  },
  {
    id: 'dist:pull.manifest.digest-header',
    level: 'MUST',
    section: P,
    ref: 'end-3',
    text: 'a successful manifest GET carries Docker-Content-Digest, which matches the body',
  },
  {
    id: 'dist:pull.manifest.content-type',
    level: 'SHOULD',
    section: P,
    ref: 'end-3',
    text: 'Content-Type is the type the manifest was pushed with (its mediaType field)',
  },
  {
    id: 'dist:pull.manifest.content-type-params',
    level: 'SHOULD',
    section: P,
    ref: 'end-3',
    text: 'the registry adds no parameters to the manifest Content-Type',
  },
  {
    id: 'dist:pull.manifest.accept',
    level: 'SHOULD',
    section: 'Content Negotiation',
    ref: 'end-3',
    text: 'the client names acceptable manifest types in Accept and gets the stored manifest when its type is acceptable',
  },
  {
    id: 'dist:pull.manifest.not-found',
    level: 'MUST',
    section: P,
    ref: 'end-3',
    text: 'a manifest absent from the repository answers 404',
  },
  {
    id: 'dist:pull.manifest.reference-format',
    level: 'MUST',
    section: P,
    ref: 'end-3',
    text: 'the reference is a digest or a tag and nothing else (a malformed one is a client error, not a server fault)',
  },
  {
    id: 'dist:pull.repository.not-found',
    level: 'MUST',
    section: M,
    text: 'pulling from a repository that does not exist answers 404',
  },
  {
    id: 'dist:pull.blob.get',
    level: 'MUST',
    section: B,
    ref: 'end-2',
    text: 'GET of an existing blob answers 200 with the blob',
  },
  {
    id: 'dist:pull.blob.digest-header',
    level: 'MUST',
    section: B,
    ref: 'end-2',
    text: 'a successful blob GET carries Docker-Content-Digest matching the body',
  },
  {
    id: 'dist:pull.blob.not-found',
    level: 'MUST',
    section: B,
    ref: 'end-2',
    text: 'a blob absent from the repository answers 404',
  },
  {
    id: 'dist:pull.blob.range',
    level: 'SHOULD',
    section: B,
    ref: 'end-2',
    text: 'blob GET supports the Range header per RFC 9110 section 14 (206, Content-Range, 416)',
  },
  {
    id: 'dist:pull.head.status',
    level: 'MUST',
    section: H,
    ref: 'end-2/end-3',
    text: 'HEAD of an existing blob or manifest answers 200',
  },
  {
    id: 'dist:pull.head.digest',
    level: 'MUST',
    section: H,
    ref: 'end-2/end-3',
    text: 'a successful HEAD carries Docker-Content-Digest',
  },
  {
    id: 'dist:pull.head.length',
    level: 'MUST',
    section: H,
    ref: 'end-2/end-3',
    text: 'a successful HEAD carries Content-Length equal to the content size',
  },
  {
    id: 'dist:pull.head.not-found',
    level: 'MUST',
    section: H,
    ref: 'end-2/end-3',
    text: 'HEAD of absent content answers 404',
  },
  {
    id: 'dist:push.blob.session',
    level: 'MUST',
    section: PP,
    ref: 'end-4a',
    text: 'POST to the uploads endpoint answers 202 with a Location naming the session',
  },
  {
    id: 'dist:push.blob.put',
    level: 'MUST',
    section: PP,
    ref: 'end-6',
    text: 'PUT <location>?digest= with the blob answers 201 with a pullable Location',
  },
  {
    id: 'dist:push.blob.single-post',
    level: 'MAY',
    section: 'Single POST',
    ref: 'end-4b',
    text: 'POST ?digest= with the blob answers 201, or 202 with a Location to PUT to',
  },
  {
    id: 'dist:push.blob.digest-algorithm',
    level: 'SHOULD',
    section: CH,
    ref: 'end-4c',
    text: 'POST ?digest-algorithm=sha512 opens a session whose blob is addressed by its sha512 digest',
  },
  {
    id: 'dist:push.blob.invalid-digest',
    level: 'SHOULD',
    section: 'Pushing blobs',
    ref: 'end-6',
    text: 'a digest that is invalid or does not match the content answers 400',
  },
  {
    id: 'dist:push.chunk.patch',
    level: 'MUST',
    section: CH,
    ref: 'end-5',
    text: 'each PATCH answers 202 with Location and Range: 0-<last byte>',
  },
  {
    id: 'dist:push.chunk.in-order',
    level: 'MUST',
    section: CH,
    ref: 'end-5',
    text: 'a chunk that does not start right after the last one answers 416',
  },
  {
    id: 'dist:push.chunk.final-put',
    level: 'MAY',
    section: CH,
    ref: 'end-6',
    text: 'the final chunk may travel in the closing PUT, which answers 201',
  },
  {
    id: 'dist:push.chunk.final-in-order',
    level: 'MUST',
    section: CH,
    ref: 'end-6',
    text: 'a final chunk uploaded out of order in the closing PUT answers 416',
  },
  {
    id: 'dist:push.chunk.size',
    level: 'MUST',
    section: CH,
    ref: 'end-5',
    text: 'Content-Range is inclusive and matches the chunk length; a disagreeing one is refused',
  },
  {
    id: 'dist:push.upload.status',
    level: 'MUST',
    section: CH,
    ref: 'end-13',
    text: 'GET on an active upload Location (from any preceding POST or PATCH) answers 204 with Location and Range',
  },
  {
    id: 'dist:push.upload.cancel',
    level: 'SHOULD',
    section: 'Cancel a blob upload',
    ref: 'end-14',
    text: 'DELETE of an upload Location answers 204 and ends the session',
  },
  {
    id: 'dist:push.mount',
    level: 'MUST',
    section: 'Mounting a blob from another repository',
    ref: 'end-11',
    text: 'a successful mount answers 201 with the blob Location',
  },
  {
    id: 'dist:push.mount.fallback',
    level: 'SHOULD',
    section: 'Mounting a blob from another repository',
    ref: 'end-11',
    text: 'a mount that cannot be done answers 202 and opens an upload session',
  },
  {
    id: 'dist:push.manifest.put',
    level: 'MUST',
    section: M,
    ref: 'end-7a',
    text: 'PUT of a manifest by tag or digest answers 201 with a pullable Location',
  },
  {
    id: 'dist:push.manifest.digest-header',
    level: 'MUST',
    section: M,
    ref: 'end-7a',
    text: 'Docker-Content-Digest of a manifest push equals the digest of the bytes pushed',
  },
  {
    id: 'dist:push.manifest.exact-bytes',
    level: 'MUST',
    section: M,
    ref: 'end-7a',
    text: 'the registry stores the manifest in the exact bytes the client sent',
  },
  {
    id: 'dist:push.manifest.tag-param',
    level: 'MUST',
    section: M,
    ref: 'end-7b',
    text: 'a registry that creates tags from ?tag= on a push by digest sends OCI-Tag for each',
  },
  {
    id: 'dist:push.manifest.blob-unknown',
    level: 'MUST',
    section: 'Push',
    ref: 'code-5',
    text: 'a manifest refused for referencing unknown content gives MANIFEST_BLOB_UNKNOWN',
  },
  {
    id: 'dist:push.manifest.subject-missing',
    level: 'MUST',
    section: 'Push',
    ref: 'end-7a',
    text: 'a manifest whose subject does not exist is accepted',
  },
  {
    id: 'dist:push.manifest.subject-header',
    level: 'MUST',
    section: 'Pushing Manifests with Subject',
    ref: 'end-7a',
    text: 'a registry with the referrers API answers a push with subject with OCI-Subject',
  },
  {
    id: 'dist:push.manifest.tag-moves',
    level: 'MUST',
    section: M,
    ref: 'end-7a',
    text: 'pushing another manifest to an existing tag makes the tag point at it',
  },
  {
    id: 'dist:name.grammar',
    level: 'MUST',
    section: P,
    text: '<name> matches the spec grammar (lower case components); other names are refused',
  },
  {
    id: 'dist:discovery.tags.list',
    level: 'MUST',
    section: T,
    ref: 'end-8a',
    text: 'tags/list answers 200 with {name, tags} listing every tag',
  },
  {
    id: 'dist:discovery.tags.order',
    level: 'MUST',
    section: T,
    ref: 'end-8a',
    text: 'tags are in lexical or ASCIIbetical order',
  },
  {
    id: 'dist:discovery.tags.n',
    level: 'MUST',
    section: T,
    ref: 'end-8b',
    text: '?n=<int> returns n tags unless fewer exist or a Link header is given',
  },
  {
    id: 'dist:discovery.tags.n-zero',
    level: 'MUST',
    section: T,
    ref: 'end-8b',
    text: '?n=0 returns an empty list and no Link header',
  },
  {
    id: 'dist:discovery.tags.last',
    level: 'MUST',
    section: T,
    ref: 'end-8b',
    text: '?last=<tag> returns only tags after <tag>',
  },
  {
    id: 'dist:discovery.tags.link',
    level: 'MUST',
    section: T,
    ref: 'end-8b',
    text: 'a Link header, when sent, has rel="next" (RFC 5988)',
  },
  {
    id: 'dist:discovery.tags.not-found',
    level: 'MUST',
    section: T,
    ref: 'end-8a',
    text: 'tags/list of a repository that does not exist answers 404',
  },
  {
    id: 'dist:discovery.referrers.list',
    level: 'MUST',
    section: R,
    ref: 'end-12a',
    text: 'referrers answers 200 with an OCI index (Content-Type set) of manifests whose subject is the digest',
  },
  {
    id: 'dist:discovery.referrers.artifact-type',
    level: 'MUST',
    section: R,
    ref: 'end-12a',
    text: 'each referrer descriptor carries artifactType (else the config mediaType) and the manifest annotations',
  },
  {
    id: 'dist:discovery.referrers.empty',
    level: 'MUST',
    section: R,
    ref: 'end-12a',
    text: 'no referrers gives 200 with an empty manifests list, never 404',
  },
  {
    id: 'dist:discovery.referrers.filter',
    level: 'SHOULD',
    section: R,
    ref: 'end-12b',
    text: '?artifactType= filters, and an applied filter is named in OCI-Filters-Applied',
  },
  {
    id: 'dist:discovery.referrers.invalid',
    level: 'MUST',
    section: R,
    ref: 'end-12a',
    text: 'a referrers request with a malformed digest answers 400',
  },
  {
    id: 'dist:management.manifest.delete',
    level: 'MUST',
    section: 'Deleting Manifests',
    ref: 'end-9',
    text: 'DELETE by digest answers 202; afterwards the digest and its tags answer 404',
  },
  {
    id: 'dist:management.manifest.delete-unknown',
    level: 'MUST',
    section: 'Deleting Manifests',
    ref: 'end-9',
    text: 'DELETE of a manifest in a repository that does not exist answers 404',
  },
  {
    id: 'dist:management.tag.delete',
    level: 'MUST',
    section: 'Deleting tags',
    ref: 'end-9',
    text: 'DELETE by tag answers 202 (then the tag is 404), or 400/405 when tag deletion is disabled',
  },
  {
    id: 'dist:management.blob.delete',
    level: 'MUST',
    section: 'Deleting Blobs',
    ref: 'end-10',
    text: 'DELETE of a blob answers 202; afterwards it answers 404',
  },
  {
    id: 'dist:management.blob.delete-unknown',
    level: 'MUST',
    section: 'Deleting Blobs',
    ref: 'end-10',
    text: 'DELETE of an unknown blob answers 404',
  },
  {
    id: 'dist:errors.shape',
    level: 'MUST',
    section: E,
    text: 'a JSON 4xx body is {"errors":[{code, message?, detail?}]} with codes from the table',
  },
  {
    id: 'dist:errors.code.blob-unknown',
    level: 'MUST',
    section: E,
    ref: 'code-1',
    text: 'BLOB_UNKNOWN names a blob the registry does not hold',
  },
  {
    id: 'dist:errors.code.blob-upload-invalid',
    level: 'SHOULD',
    section: E,
    ref: 'code-2',
    text: 'BLOB_UPLOAD_INVALID names an upload request the registry cannot apply (our reading: malformed Content-Range)',
  },
  {
    id: 'dist:errors.code.blob-upload-unknown',
    level: 'MUST',
    section: E,
    ref: 'code-3',
    text: 'BLOB_UPLOAD_UNKNOWN names an upload session that does not exist (e.g. cancelled)',
  },
  {
    id: 'dist:errors.code.digest-invalid',
    level: 'MUST',
    section: E,
    ref: 'code-4',
    text: 'DIGEST_INVALID names a digest that does not match the content',
  },
  {
    id: 'dist:errors.code.manifest-blob-unknown',
    level: 'MUST',
    section: E,
    ref: 'code-5',
    text: 'MANIFEST_BLOB_UNKNOWN names content a manifest references that the registry does not hold',
  },
  {
    id: 'dist:errors.code.manifest-invalid',
    level: 'MUST',
    section: E,
    ref: 'code-6',
    text: 'MANIFEST_INVALID names a manifest body the registry cannot accept',
  },
  {
    id: 'dist:errors.code.manifest-unknown',
    level: 'MUST',
    section: E,
    ref: 'code-7',
    text: 'MANIFEST_UNKNOWN names a manifest the repository does not hold',
  },
  {
    id: 'dist:errors.code.name-invalid',
    level: 'SHOULD',
    section: E,
    ref: 'code-8',
    text: 'NAME_INVALID names a repository name outside the grammar (our reading of code-8)',
  },
  {
    id: 'dist:errors.code.name-unknown',
    level: 'MUST',
    section: E,
    ref: 'code-9',
    text: 'NAME_UNKNOWN names a repository the registry does not know',
  },
  {
    id: 'dist:errors.code.size-invalid',
    level: 'SHOULD',
    section: E,
    ref: 'code-10',
    text: 'SIZE_INVALID (or 416) answers a length that does not match the content sent',
  },
  {
    id: 'dist:errors.code.unsupported',
    level: 'SHOULD',
    section: E,
    ref: 'code-13',
    text: 'UNSUPPORTED names an operation the registry does not offer (our reading of code-13)',
  },
  {
    id: 'dist:api.http-semantics',
    level: 'SHOULD',
    section: 'API',
    text: 'where the spec is silent, the registry follows RFC 9110 (4xx for bad requests, message framing)',
  },
];

/** Every requirement this suite names, by id. */
export const REQUIREMENTS: ReadonlyMap<string, Requirement> = new Map(TABLE.map((r) => [r.id, r]));

/** Check that each id is in the table (a typo fails at collection time) and return them. */
export function reqs(...ids: string[]): string[] {
  const unknown = ids.filter((id) => !REQUIREMENTS.has(id));
  if (unknown.length > 0) throw new Error(`unknown requirement id(s): ${unknown.join(', ')}`);
  return ids;
}
