import { ShipshapeError } from '../../errors.js';
import { type DigestAlgorithm, digestMatches, digestOf, isDigest } from './digest.js';
import { expectStatus, RegistryProtocolError } from './errors.js';
import { bareMediaType, DEFAULT_MANIFEST_ACCEPT } from './media-types.js';
import { headerValue, type RawResponse, type RegistryTransport } from './transport.js';

/** A manifest's headers: bare Content-Type, `Docker-Content-Digest`, `Content-Length`. */
export interface ManifestInfo {
  readonly status: number;
  readonly mediaType?: string;
  readonly digest?: string;
  readonly size?: number;
}

/** A pulled manifest; `digest` is verified against `bytes` (and against the reference when it is a digest). */
export interface Manifest extends ManifestInfo {
  readonly digest: string;
  readonly bytes: Buffer;
  /** Parsed body (undefined when the body is not JSON). */
  readonly json: unknown;
}

export interface ManifestPushed {
  readonly status: number;
  readonly location: string;
  readonly digest: string;
  /** `OCI-Subject`, set by registries that processed a `subject` field. */
  readonly subject?: string;
  /** Tags from `OCI-Tag` headers (push by digest with `?tag=`). */
  readonly tags: readonly string[];
}

export interface AcceptOptions {
  /** Media types for the Accept header, most preferred first; default: OCI manifest+index, Docker v2+list. */
  readonly accept?: readonly string[];
}

/** Manifest pull, push and delete: `/v2/<name>/manifests/<tag-or-digest>` (end-3, end-7, end-9). */
export class ManifestsApi {
  constructor(private readonly transport: RegistryTransport) {}

  async head(name: string, reference: string, opts: AcceptOptions = {}): Promise<ManifestInfo> {
    const res = await this.transport.send('HEAD', manifestPath(name, reference), acceptHeaders(opts));
    return manifestInfo(expectStatus(res, [200], `HEAD manifest ${name}:${reference}`));
  }

  /** 200 -> true, 404 -> false, else RegistryError. */
  async exists(name: string, reference: string, opts: AcceptOptions = {}): Promise<boolean> {
    const res = await this.transport.send('HEAD', manifestPath(name, reference), acceptHeaders(opts));
    return expectStatus(res, [200, 404], `HEAD manifest ${name}:${reference}`).status === 200;
  }

  async get(name: string, reference: string, opts: AcceptOptions = {}): Promise<Manifest> {
    const context = `GET manifest ${name}:${reference}`;
    const res = expectStatus(
      await this.transport.send('GET', manifestPath(name, reference), acceptHeaders(opts)),
      [200],
      context,
    );
    const info = manifestInfo(res);
    const digest = verifiedDigest(res.body, info.digest, reference, context);
    const json = parseJson(res.body);
    const declared = (json as { mediaType?: unknown } | undefined)?.mediaType;
    if (typeof declared === 'string' && info.mediaType !== undefined && declared !== info.mediaType) {
      throw new RegistryProtocolError(`${context}: Content-Type ${info.mediaType} but mediaType ${declared}`);
    }
    return { ...info, digest, bytes: res.body, json };
  }

  /**
   * PUT by tag or digest. `mediaType` defaults to the manifest's own `mediaType` field (the spec requires
   * Content-Type to equal it). The returned `Docker-Content-Digest` must equal the digest of `bytes`.
   */
  async put(
    name: string,
    reference: string,
    bytes: Uint8Array,
    opts: { mediaType?: string; tags?: readonly string[] } = {},
  ): Promise<ManifestPushed> {
    const mediaType = opts.mediaType ?? declaredMediaType(bytes);
    const context = `PUT manifest ${name}:${reference}`;
    const res = await this.transport.send('PUT', manifestPath(name, reference), {
      body: bytes,
      headers: { 'content-type': mediaType },
      query: { tag: opts.tags },
    });
    expectStatus(res, [201], context);
    const algorithm: DigestAlgorithm = reference.startsWith('sha512:') ? 'sha512' : 'sha256';
    const expected = isDigest(reference) ? reference : digestOf(bytes, algorithm);
    const digest = headerValue(res, 'docker-content-digest');
    if (digest !== undefined && digest !== expected) {
      throw new RegistryProtocolError(`${context}: registry says digest ${digest}, pushed ${expected}`);
    }
    const location = headerValue(res, 'location');
    if (location === undefined)
      throw new RegistryProtocolError(`${context}: 201 answer has no Location header`);
    const subject = headerValue(res, 'oci-subject');
    const tags = (headerValue(res, 'oci-tag') ?? '').split(',').map((t) => t.trim());
    return {
      status: res.status,
      location: new URL(location, res.url).href,
      digest: digest ?? expected,
      ...(subject === undefined ? {} : { subject }),
      tags: tags.filter((t) => t !== ''),
    };
  }

  /** DELETE by digest (or by tag where supported) -> 202; disabled deletes give 405/400 RegistryError. */
  async delete(name: string, reference: string): Promise<void> {
    const res = await this.transport.send('DELETE', manifestPath(name, reference));
    expectStatus(res, [202], `DELETE manifest ${name}:${reference}`);
  }
}

export const manifestPath = (name: string, reference: string): string => `/v2/${name}/manifests/${reference}`;

const acceptHeaders = (opts: AcceptOptions) => ({
  headers: { accept: (opts.accept ?? DEFAULT_MANIFEST_ACCEPT).join(', ') },
});

function manifestInfo(res: RawResponse): ManifestInfo {
  const mediaType = bareMediaType(headerValue(res, 'content-type'));
  const digest = headerValue(res, 'docker-content-digest');
  const length = headerValue(res, 'content-length');
  return {
    status: res.status,
    ...(mediaType === undefined ? {} : { mediaType }),
    ...(digest === undefined ? {} : { digest }),
    ...(length === undefined ? {} : { size: Number(length) }),
  };
}

// The digest of the body, checked against the header and the requested digest where those exist.
function verifiedDigest(
  body: Buffer,
  header: string | undefined,
  reference: string,
  context: string,
): string {
  for (const claimed of [header, isDigest(reference) ? reference : undefined]) {
    if (claimed !== undefined && digestMatches(claimed, body) === false) {
      throw new RegistryProtocolError(`${context}: body does not match digest ${claimed}`);
    }
  }
  return header ?? (isDigest(reference) ? reference : digestOf(body));
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

function declaredMediaType(bytes: Uint8Array): string {
  const declared = (parseJson(bytes) as { mediaType?: unknown } | undefined)?.mediaType;
  if (typeof declared === 'string') return declared;
  throw new ShipshapeError('INVALID_INPUT', 'manifest has no mediaType field: pass opts.mediaType');
}
