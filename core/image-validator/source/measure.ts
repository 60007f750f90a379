import { createHash, type Hash } from 'node:crypto';
import type { FileInfo } from '../source-types.js';

/** Shared budget for captured JSON content; `remaining` shrinks as documents are kept. */
export interface CaptureBudget {
  remaining: number;
  readonly maxDocumentBytes: number;
}

/** Enough for a tar header: ustar magic sits at offset 257. */
export const HEAD_BYTES = 512;
const JSON_START = new Set([0x7b, 0x5b]); // { [
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Hash and size one file's bytes as they stream past; keep small JSON-looking content. */
export async function measure(
  path: string,
  realPath: string,
  data: AsyncIterable<Buffer>,
  budget: CaptureBudget,
  signal: AbortSignal,
): Promise<FileInfo> {
  const sha256 = createHash('sha256');
  const sha512: Hash | undefined = path.startsWith('blobs/sha512/') ? createHash('sha512') : undefined;
  const kept: Buffer[] = [];
  let size = 0;
  let head = Buffer.alloc(0);
  let capture: boolean | undefined; // undecided until the first non-whitespace byte
  for await (const chunk of data) {
    signal.throwIfAborted();
    sha256.update(chunk);
    sha512?.update(chunk);
    size += chunk.length;
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
    capture ??= decide(chunk);
    if (capture !== false && size <= Math.min(budget.maxDocumentBytes, budget.remaining)) kept.push(chunk);
    else if (capture !== false) {
      capture = false;
      kept.length = 0;
    }
  }
  const info = { path, realPath, size, sha256: `sha256:${sha256.digest('hex')}`, head };
  const withSha512 = sha512 ? { ...info, sha512: `sha512:${sha512.digest('hex')}` } : info;
  if (capture !== true) return withSha512;
  budget.remaining -= size;
  return { ...withSha512, content: Buffer.concat(kept) };
}

function decide(chunk: Buffer): boolean | undefined {
  for (const byte of chunk) if (!WHITESPACE.has(byte)) return JSON_START.has(byte);
  return undefined;
}
