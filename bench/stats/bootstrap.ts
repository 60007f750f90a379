import { ShipshapeError } from '../../core/errors.js';
import { mulberry32, type Prng } from './prng.js';
import { quantileSorted } from './quantile.js';
import { sortedCopy } from './sorted.js';

export interface BootstrapOptions {
  /** PRNG seed; the same seed and data give the same interval. Default 1. */
  readonly seed?: number;
  /** Number of resamples. Default 2000. */
  readonly resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
}

export interface Interval {
  readonly level: number;
  readonly low: number;
  readonly high: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 1;

export function bootstrapSettings(o: BootstrapOptions = {}): { rng: Prng; resamples: number; level: number } {
  const resamples = o.resamples ?? DEFAULT_RESAMPLES;
  const level = o.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 10 || resamples > 1_000_000) {
    throw new ShipshapeError(
      'INVALID_INPUT',
      `bootstrap: resamples must be an integer in [10, 1e6], got ${resamples}`,
    );
  }
  if (!(level > 0 && level < 1))
    throw new ShipshapeError('INVALID_INPUT', `bootstrap: level must be in (0, 1)`);
  return { rng: mulberry32(o.seed ?? DEFAULT_SEED), resamples, level };
}

/**
 * Median of one resample (with replacement) of SORTED `sorted`, drawn with `rng`. Counts how often each
 * index is drawn, then walks the counts to the middle order statistics: O(n) per resample, no sort.
 * `counts` is reused storage of length n.
 */
export function resampledMedian(sorted: readonly number[], rng: Prng, counts: Uint32Array): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rng() * n);
    counts[k] = (counts[k] as number) + 1;
  }
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  let seen = 0;
  let idx = 0;
  while (seen + (counts[idx] as number) <= lo) seen += counts[idx++] as number;
  const a = sorted[idx] as number;
  if (h === lo) return a;
  // The next order statistic is the same value unless index idx is used up at position lo.
  if (seen + (counts[idx] as number) > lo + 1) return a;
  idx++;
  while ((counts[idx] as number) === 0) idx++;
  return (a + (sorted[idx] as number)) / 2;
}

/** Percentile interval of a bootstrap distribution (type 7 quantiles at (1 - level)/2 and its mirror). */
export function percentileInterval(stats: readonly number[], level: number): Interval {
  const s = sortedCopy(stats, 'bootstrap distribution');
  const tail = (1 - level) / 2;
  return { level, low: quantileSorted(s, tail), high: quantileSorted(s, 1 - tail) };
}

/** Percentile-bootstrap confidence interval of the median (resampling with replacement, seeded). */
export function bootstrapMedianCi(xs: readonly number[], options: BootstrapOptions = {}): Interval {
  const data = sortedCopy(xs);
  const { rng, resamples, level } = bootstrapSettings(options);
  const counts = new Uint32Array(data.length);
  const stats = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = resampledMedian(data, rng, counts);
  return percentileInterval(stats, level);
}
