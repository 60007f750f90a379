import { ShipshapeError } from '../../core/errors.js';

/** A seeded generator of uniform numbers in [0, 1). Same seed, same sequence, on every platform. */
export type Prng = () => number;

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32; plenty for resampling. */
export function mulberry32(seed: number): Prng {
  if (!Number.isInteger(seed))
    throw new ShipshapeError('INVALID_INPUT', `seed must be an integer, got ${seed}`);
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export const randomIndex = (rng: Prng, n: number): number => Math.floor(rng() * n);

/** Derive an independent-looking seed from a base seed and a label (FNV-1a over the label). */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
