import { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import type { Compression } from '../../../spec/oci-image/media-types.js';
import { isTarHeader } from '../source/open-source.js';

/** What a blob's first bytes show. Only tar, gzip and zstd are layer formats; the rest is named to say so. */
export type ContentKind = 'tar' | 'gzip' | 'zstd' | 'json' | 'bzip2' | 'xz' | 'unknown';

/**
 * Sniff a blob from its first (up to 512) bytes: gzip `1f 8b`, zstd `28 b5 2f fd`, bzip2 `BZh`,
 * xz `fd 37 7a 58 5a 00`, tar by the `ustar` magic at offset 257 (or a v7 header whose checksum holds,
 * or the zero block an empty tar starts with), JSON by its first non-blank byte.
 */
export function sniffContent(head: Buffer): ContentKind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'bzip2';
  if (head.subarray(0, 6).equals(XZ_MAGIC)) return 'xz';
  if (head.length >= 512) {
    if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    if (isTarHeader(head) || head.subarray(0, 512).every((b) => b === 0)) return 'tar';
  }
  const first = head.toString('latin1').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'unknown';
}

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** The layer compression a content kind is, or undefined for what is no layer format. */
export function compressionOf(kind: ContentKind): Compression | undefined {
  if (kind === 'tar') return 'none';
  return kind === 'gzip' || kind === 'zstd' ? kind : undefined;
}

/** The compression a layer's first bytes show: gzip (1f 8b), zstd (28 b5 2f fd), else none. */
export function sniffCompression(head: Buffer): Compression {
  const kind = sniffContent(head);
  return kind === 'gzip' || kind === 'zstd' ? kind : 'none';
}

/**
 * A decompressor for `compression`. gzip is zlib's; zstd is fzstd's streaming decoder (Node 20's zlib
 * has none: createZstdDecompress arrived in Node 22.15), used through a Transform so it streams like gzip.
 */
export function decompressor(compression: Exclude<Compression, 'none'>): Transform {
  if (compression === 'gzip') return zlib.createGunzip();
  return zstdDecompress();
}

/** An error inside the zstd decoder (bad frame, truncated stream). */
export class ZstdStreamError extends Error {
  constructor(cause: unknown) {
    super(`zstd: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ZstdStreamError';
  }
}

function zstdDecompress(): Transform {
  const out: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.push(chunk);
        done();
      } catch (err) {
        done(new ZstdStreamError(err));
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(new ZstdStreamError(err));
      }
    },
  });
  // fzstd may hand out views of its own window; copy before passing downstream.
  const decoder = new Decompress((data) => {
    out.push(Buffer.from(data));
  });
  return out;
}
