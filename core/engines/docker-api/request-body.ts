import { Readable } from 'node:stream';
import type { RequestBody } from './transport.js';

const isBinaryOrStream = (body: unknown): body is RequestBody =>
  typeof body === 'string' ||
  body instanceof Uint8Array ||
  body instanceof Readable ||
  (typeof body === 'object' && body !== null && Symbol.asyncIterator in body);

/** Bytes, text and streams go as they are; any other value is sent as JSON. */
export function encodeBody(
  body: unknown,
  headers: Readonly<Record<string, string>> | undefined,
): { body?: RequestBody; headers: Record<string, string> } {
  const out: Record<string, string> = { ...headers };
  if (body === undefined) return { headers: out };
  const hasType = Object.keys(out).some((name) => name.toLowerCase() === 'content-type');
  if (isBinaryOrStream(body)) {
    if (typeof body === 'string' && !hasType) out['content-type'] = 'application/json';
    return { body, headers: out };
  }
  if (!hasType) out['content-type'] = 'application/json';
  return { body: JSON.stringify(body), headers: out };
}
