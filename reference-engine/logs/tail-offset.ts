import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The offset where the last `lines` whole lines of the file's first `end` bytes begin, found by reading
 * backwards in 64 KiB chunks (only as far back as those lines go). A last line without its newline
 * counts as a line. 0 when the file holds fewer lines.
 */
export async function tailOffset(file: FileHandle, end: number, lines: number): Promise<number> {
  if (lines <= 0) return end;
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = end;
  let seen = 0;
  while (pos > 0) {
    const length = Math.min(CHUNK, pos);
    pos -= length;
    const { bytesRead } = await file.read(buf, 0, length, pos);
    if (bytesRead !== length) throw new Error(`log shrank while reading its tail (at ${pos})`);
    for (let i = length - 1; i >= 0; i--) {
      if (buf[i] !== NEWLINE) continue;
      // The newline that ends the file ends the last line; it does not start one.
      if (pos + i === end - 1) continue;
      seen += 1;
      if (seen === lines) return pos + i + 1;
    }
  }
  return 0;
}
