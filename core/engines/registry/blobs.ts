import { assertDigest, digestMatches } from './digest.js';
import { expectStatus, RegistryProtocolError } from './errors.js';
import { headerValue, type RawResponse, type RegistryTransport } from './transport.js';

/** Headers of a blob answer: `Docker-Content-Digest` and `Content-Length` as the registry sent them. */
export interface BlobInfo {
  readonly status: number;
  readonly digest?: string;
  readonly size?: number;
  readonly contentType?: string;
}

export interface BlobContent extends BlobInfo {
  readonly bytes: Buffer;
  /** True for a 206 answer to a Range request. */
  readonly partial: boolean;
  /** Parsed `Content-Range: bytes start-end/total` of a 206 answer. */
  readonly contentRange?: { readonly start: number; readonly end: number; readonly total?: number };
}

/** Inclusive byte range; `end` omitted means "to the end". */
export interface ByteRange {
  readonly start: number;
  readonly end?: number;
}

/** Blob reads and deletes: `/v2/<name>/blobs/<digest>` (end-2, end-10). */
export class BlobsApi {
  constructor(private readonly transport: RegistryTransport) {}

  async head(name: string, digest: string): Promise<BlobInfo> {
    assertDigest(digest);
    const res = await this.transport.send('HEAD', blobPath(name, digest));
    return blobInfo(expectStatus(res, [200], `HEAD blob ${name}@${digest}`));
  }

  /** 200 -> true, 404 -> false, anything else throws RegistryError. */
  async exists(name: string, digest: string): Promise<boolean> {
    assertDigest(digest);
    const res = await this.transport.send('HEAD', blobPath(name, digest));
    return expectStatus(res, [200, 404], `HEAD blob ${name}@${digest}`).status === 200;
  }

  /** Whole blob (verified against `digest`) or, with `range`, the 206 part the registry sent. */
  async get(name: string, digest: string, opts: { range?: ByteRange } = {}): Promise<BlobContent> {
    assertDigest(digest);
    const headers: Record<string, string> = {};
    if (opts.range) headers.range = `bytes=${opts.range.start}-${opts.range.end ?? ''}`;
    const res = await this.transport.send('GET', blobPath(name, digest), { headers });
    expectStatus(res, opts.range ? [200, 206] : [200], `GET blob ${name}@${digest}`);
    const partial = res.status === 206;
    if (!partial && digestMatches(digest, res.body) === false) {
      throw new RegistryProtocolError(`GET blob ${name}@${digest}: body does not match the requested digest`);
    }
    const contentRange = parseContentRange(headerValue(res, 'content-range'));
    return { ...blobInfo(res), bytes: res.body, partial, ...(contentRange ? { contentRange } : {}) };
  }

  /** DELETE (202); a registry with deletes disabled answers 405/400 -> RegistryError. */
  async delete(name: string, digest: string): Promise<void> {
    assertDigest(digest);
    const res = await this.transport.send('DELETE', blobPath(name, digest));
    expectStatus(res, [202], `DELETE blob ${name}@${digest}`);
  }
}

export const blobPath = (name: string, digest: string): string => `/v2/${name}/blobs/${digest}`;

function blobInfo(res: RawResponse): BlobInfo {
  const digest = headerValue(res, 'docker-content-digest');
  const length = headerValue(res, 'content-length');
  const contentType = headerValue(res, 'content-type');
  return {
    status: res.status,
    ...(digest === undefined ? {} : { digest }),
    ...(length === undefined ? {} : { size: Number(length) }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

function parseContentRange(value: string | undefined): BlobContent['contentRange'] {
  const match = value === undefined ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (!match) return undefined;
  const total = match[3] === '*' ? undefined : Number(match[3]);
  return { start: Number(match[1]), end: Number(match[2]), ...(total === undefined ? {} : { total }) };
}
