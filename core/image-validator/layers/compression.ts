import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import type { Compression } from '../../../spec/oci-image/media-types.js';

/** The compression a layer's first bytes show: gzip (1f 8b), zstd (28 b5 2f fd), else none. */
export function sniffCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.readUInt32LE(0) === 0xfd2fb528 && head.length >= 4) return 'zstd';
  return 'none';
}

type ZstdFactory = () => Transform;

/** A decompressor for `compression`, or undefined when this Node has no zstd (added in Node 22.15). */
export function decompressor(compression: Exclude<Compression, 'none'>): Transform | undefined {
  if (compression === 'gzip') return zlib.createGunzip();
  const zstd = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return zstd?.();
}
