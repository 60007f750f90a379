import type { Prng } from './prng.js';

/** Seeded normal variates (Box-Muller) for tests and synthetic data. */
export function normalSample(rng: Prng, n: number, mu: number, sigma: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const u1 = 1 - rng();
    const u2 = rng();
    const r = Math.sqrt(-2 * Math.log(u1));
    out.push(mu + sigma * r * Math.cos(2 * Math.PI * u2));
    if (out.length < n) out.push(mu + sigma * r * Math.sin(2 * Math.PI * u2));
  }
  return out;
}

/** Right-skewed, timing-like values: base * exp(sigma * Z) (median = base). */
export const logNormalSample = (rng: Prng, n: number, base: number, sigma: number): number[] =>
  normalSample(rng, n, 0, sigma).map((z) => base * Math.exp(z));
