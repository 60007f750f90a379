import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** Reads a stream to its end: sha256 (hex) and byte count. */
export async function digestStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
