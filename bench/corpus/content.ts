import { createCipheriv, createHash } from 'node:crypto';
import { mulberry32 } from '../stats/prng.js';
import type { ContentKind } from './types.js';

export const CHUNK = 64 * 1024;

// Words of a fixed made-up vocabulary: text compresses like source or config files (gzip ~3-4x).
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'po',
  'qu',
  'be',
  'do',
  'fi',
  'gu',
  'ha',
];
const WORDS: Buffer[] = Array.from({ length: 512 }, (_, i) =>
  Buffer.from(
    Array.from({ length: 1 + (i % 4) }, (_, n) => SYLLABLES[(i * 7 + n * 5 + (i >> 4)) % 16]).join(''),
  ),
);

/** A deterministic keystream: AES-256-CTR over zeros, keyed by the seed. Fast and incompressible. */
function keystream(seed: number) {
  const key = createHash('sha256').update(`shipshape-corpus:${seed}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  return (n: number): Buffer => cipher.update(Buffer.alloc(n));
}

function textWriter(seed: number) {
  const rng = mulberry32(seed);
  let column = 0;
  return (n: number): Buffer => {
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const word = WORDS[Math.floor(rng() * WORDS.length)] as Buffer;
      at += word.copy(out, at);
      if (at >= n) break;
      column += word.length + 1;
      out[at++] = column > 72 ? 0x0a : 0x20;
      if (column > 72) column = 0;
    }
    return out;
  };
}

/**
 * The bytes of one file, in chunks of at most 64 KiB, determined by (kind, seed, size) alone.
 * 'mixed' picks random or text per chunk with the seed.
 */
export function* contentChunks(kind: ContentKind, seed: number, size: number): Generator<Buffer> {
  const random = kind === 'text' ? undefined : keystream(seed);
  const text = kind === 'random' ? undefined : textWriter(seed ^ 0x5bd1e995);
  const pick = mulberry32(seed ^ 0x27d4eb2d);
  for (let left = size; left > 0; ) {
    const n = Math.min(CHUNK, left);
    const useText = kind === 'text' || (kind === 'mixed' && pick() < 0.5);
    yield useText ? (text as (n: number) => Buffer)(n) : (random as (n: number) => Buffer)(n);
    left -= n;
  }
}
