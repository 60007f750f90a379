import type { Descriptor } from '../../../spec/oci-image/types.js';
import { assertDigest } from './digest.js';
import { expectStatus, type RegistryError, RegistryProtocolError, registryError } from './errors.js';
import { nextLink } from './link.js';
import { bareMediaType } from './media-types.js';
import { headerValue, type RegistryTransport } from './transport.js';

/**
 * The referrers answer. A 404 means the registry has no referrers API (the spec forbids 404 from one
 * that has it): `supported: false`, and a client must fall back to the referrers tag schema.
 */
export type ReferrersResult =
  | {
      readonly supported: true;
      readonly status: number;
      readonly contentType?: string;
      readonly manifests: readonly Descriptor[];
      /** From `OCI-Filters-Applied` (e.g. ['artifactType']). */
      readonly filtersApplied: readonly string[];
      readonly next?: string;
    }
  | {
      readonly supported: false;
      readonly status: 404;
      readonly reason: string;
      readonly error: RegistryError;
    };

/** `GET /v2/<name>/referrers/<digest>[?artifactType=]` (end-12a, end-12b). */
export class ReferrersApi {
  constructor(private readonly transport: RegistryTransport) {}

  async list(name: string, digest: string, opts: { artifactType?: string } = {}): Promise<ReferrersResult> {
    assertDigest(digest);
    const context = `list referrers of ${name}@${digest}`;
    const res = await this.transport.send('GET', `/v2/${name}/referrers/${digest}`, {
      query: { artifactType: opts.artifactType },
    });
    if (res.status === 404) {
      const reason = 'registry answered 404: the referrers API is unsupported (use the referrers tag schema)';
      return { supported: false, status: 404, reason, error: registryError(res, context) };
    }
    expectStatus(res, [200], context);
    const manifests = parseIndex(res.body, context);
    const filters = headerValue(res, 'oci-filters-applied');
    const contentType = bareMediaType(headerValue(res, 'content-type'));
    const link = nextLink(headerValue(res, 'link'));
    return {
      supported: true,
      status: res.status,
      ...(contentType === undefined ? {} : { contentType }),
      manifests,
      filtersApplied: (filters ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== ''),
      ...(link === undefined ? {} : { next: new URL(link, res.url).href }),
    };
  }
}

function parseIndex(body: Buffer, context: string): Descriptor[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryProtocolError(`${context}: body is not JSON`);
  }
  const manifests = (parsed as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests)) throw new RegistryProtocolError(`${context}: body is not an image index`);
  return manifests as Descriptor[];
}
