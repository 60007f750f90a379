import { expect } from 'vitest';
import { headerValue, type RawResponse } from '../../../core/engines/registry/index.js';
import type { RegistryEnv } from './registry-env.js';

const OCTET = 'application/octet-stream';

/** Absolute URL of a response's Location (relative ones resolve against the request URL). */
export function locationOf(res: RawResponse): string {
  const location = headerValue(res, 'location');
  expect(location, `${res.status} answer without Location`).toBeTruthy();
  return new URL(location ?? '', res.url).href;
}

/** POST a new upload session (Content-Length: 0), expect 202 + Location, and record it for cleanup. */
export async function openUpload(
  env: RegistryEnv,
  repo: string,
  query: Record<string, string> = {},
): Promise<string> {
  const res = await env.client.raw('POST', `/v2/${repo}/blobs/uploads/`, { body: '', query });
  expect(res.status, res.body.toString()).toBe(202);
  const location = locationOf(res);
  env.ledger.upload(location);
  return location;
}

/** PATCH bytes to an upload URL with the given Content-Range (omitted when undefined). */
export function patch(
  env: RegistryEnv,
  location: string,
  bytes: Buffer | string,
  range?: string,
): Promise<RawResponse> {
  return env.client.raw('PATCH', location, {
    body: bytes,
    headers: { 'content-type': OCTET, ...(range === undefined ? {} : { 'content-range': range }) },
  });
}

/** Closing PUT ?digest=, optionally with a final chunk and Content-Range. */
export function close(
  env: RegistryEnv,
  location: string,
  digest: string,
  body: Buffer | string = '',
  range?: string,
): Promise<RawResponse> {
  return env.client.raw('PUT', location, {
    body,
    query: { digest },
    headers: {
      ...(body.length > 0 ? { 'content-type': OCTET } : {}),
      ...(range === undefined ? {} : { 'content-range': range }),
    },
  });
}
