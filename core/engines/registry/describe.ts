import { randomBytes } from 'node:crypto';
import { EngineUnreachableError } from '../../errors.js';
import type { Capability, EngineDescription, EngineEndpoint } from '../types.js';
import { RegistryClient } from './client.js';
import { parseErrorBody } from './errors.js';
import type { RawResponse } from './transport.js';

const ZERO_DIGEST = `sha256:${'0'.repeat(64)}`;

/** What no registry has, whatever it answers. */
const LACKS: Readonly<Partial<Record<Capability, string>>> = {
  containers: 'a registry stores images; it runs no containers',
  'images.load': 'a registry takes pushes, not image archives',
};

/**
 * Describe a registry: `GET /v2/` must answer 200 (else EngineUnreachableError), then three probes in a
 * throwaway repository that leave nothing behind: an upload started and cancelled (registry.push), a
 * DELETE of a manifest that does not exist (registry.delete on 202 or a JSON MANIFEST_UNKNOWN
 * / NAME_UNKNOWN 404; not on 405/400/UNSUPPORTED), and a
 * referrers query (registry.referrers unless 404 without the spec's JSON error body).
 */
export async function describeRegistry(
  endpoint: EngineEndpoint,
  opts: { timeoutMs?: number } = {},
): Promise<EngineDescription> {
  const client = RegistryClient.from(endpoint, { timeoutMs: opts.timeoutMs ?? 5_000 });
  try {
    const pinged = await client.ping();
    if (pinged.status !== 200 && pinged.status !== 401) {
      throw new EngineUnreachableError(
        client.base,
        `GET /v2/ answered ${pinged.status}, not a distribution API`,
      );
    }
    const repo = `shipshape-probe/${randomBytes(6).toString('hex')}`;
    const capabilities: Capability[] = [];
    if (await canPush(client, repo)) capabilities.push('registry.push');
    if (canDelete(await client.raw('DELETE', `/v2/${repo}/manifests/${ZERO_DIGEST}`))) {
      capabilities.push('registry.delete');
    }
    if (hasReferrers(await client.raw('GET', `/v2/${repo}/referrers/${ZERO_DIGEST}`))) {
      capabilities.push('registry.referrers');
    }
    return {
      ...endpoint,
      product: pinged.apiVersion?.startsWith('registry/2.') ? 'distribution' : 'registry',
      // No registry header carries the implementation's version; 2.8 exposes none.
      version: 'unknown',
      ...(pinged.apiVersion === undefined ? {} : { apiVersion: pinged.apiVersion }),
      capabilities,
      lacks: LACKS,
    };
  } finally {
    await client.close();
  }
}

async function canPush(client: RegistryClient, repo: string): Promise<boolean> {
  const res = await client.raw('POST', `/v2/${repo}/blobs/uploads/`, { body: '' });
  const location = res.headers.location;
  if (res.status !== 202 || typeof location !== 'string') return false;
  await client.raw('DELETE', new URL(location, res.url).href, { body: '' });
  return true;
}

// 202, or a JSON 404 (MANIFEST_UNKNOWN / NAME_UNKNOWN), means the DELETE route is live; 405/400,
// UNSUPPORTED or a bare 404 (no such route) means deletes are off.
function canDelete(res: RawResponse): boolean {
  const codes = parseErrorBody(res.body).map((e) => e.code);
  if (res.status === 202) return true;
  return res.status === 404 && codes.some((c) => c === 'MANIFEST_UNKNOWN' || c === 'NAME_UNKNOWN');
}

// A registry with the API answers 200 (or a JSON NAME_UNKNOWN for a missing repo); 2.8 answers a text 404.
function hasReferrers(res: RawResponse): boolean {
  if (res.status === 200) return true;
  return res.status === 404 && parseErrorBody(res.body).some((e) => e.code === 'NAME_UNKNOWN');
}
