/** A seeded generator of uniform numbers in [0, 1): same seed, same sequence, on every platform. */
export type Prng = () => number;

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32; plenty for test inputs. */
export function mulberry32(seed: number): Prng {
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

/** One element of a non-empty list, uniformly. */
export function pick<T>(rng: Prng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[randomIndex(rng, items.length)] as T;
}

/** The seed a seeded test uses: SHIPSHAPE_SEED when set (to replay a failure), else `fallback`. */
export function testSeed(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const given = env.SHIPSHAPE_SEED;
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  if (!Number.isInteger(n)) throw new RangeError(`SHIPSHAPE_SEED must be an integer, got ${given}`);
  return n;
}
