import { assertDigest } from './digest.js';
import { expectStatus, RegistryProtocolError } from './errors.js';
import type { RegistryTransport } from './transport.js';
import { type BlobPushed, pushedFrom, rangeEnd, sessionFrom, type UploadSession } from './upload-session.js';

/** PATCH one chunk with `Content-Range: <start>-<end>` (inclusive) and return the advanced session. */
export async function patchChunk(
  transport: RegistryTransport,
  session: UploadSession,
  chunk: Uint8Array,
  at = session.offset,
): Promise<UploadSession> {
  if (chunk.length === 0) throw new RangeError('a PATCH chunk must not be empty');
  const end = at + chunk.length - 1;
  const context = `PATCH bytes ${at}-${end} to ${session.name}`;
  const res = await transport.send('PATCH', session.location, {
    body: chunk,
    headers: { 'content-type': 'application/octet-stream', 'content-range': `${at}-${end}` },
  });
  expectStatus(res, [202], context);
  const acknowledged = rangeEnd(res);
  if (acknowledged !== end) {
    throw new RegistryProtocolError(
      `${context}: registry acknowledged Range 0-${acknowledged}, expected 0-${end}`,
    );
  }
  return { ...session, ...sessionFrom(res, session.name, end + 1, context) };
}

/** PUT <location>?digest=<digest>, with the final chunk when given, and expect 201. */
export async function completeUpload(
  transport: RegistryTransport,
  session: UploadSession,
  digest: string,
  finalChunk?: Uint8Array,
): Promise<BlobPushed> {
  assertDigest(digest);
  const context = `close upload of ${digest} to ${session.name}`;
  const headers: Record<string, string> = {};
  if (finalChunk !== undefined && finalChunk.length > 0) {
    headers['content-type'] = 'application/octet-stream';
    // A final chunk after PATCHes says where it goes; a monolithic PUT (offset 0) sends no Content-Range.
    if (session.offset > 0) {
      headers['content-range'] = `${session.offset}-${session.offset + finalChunk.length - 1}`;
    }
  }
  const res = await transport.send('PUT', session.location, {
    body: finalChunk ?? new Uint8Array(0),
    headers,
    query: { digest },
  });
  return pushedFrom(expectStatus(res, [201], context), digest, context);
}
