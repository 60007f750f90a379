import { ShipshapeError } from '../../core/errors.js';
import { sortedCopy } from './sorted.js';

/**
 * Quantile of ALREADY SORTED values by Hyndman & Fan type 7 (R's default, numpy's 'linear'):
 * h = (n - 1) p, then linear interpolation between x[floor h] and x[floor h + 1] (0-based).
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1))
    throw new ShipshapeError('INVALID_INPUT', `quantile: p must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) throw new ShipshapeError('INVALID_INPUT', 'quantile: need at least one value');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Type 7 quantile of unsorted values. */
export const quantile = (xs: readonly number[], p: number): number => quantileSorted(sortedCopy(xs), p);

export interface Quantiles {
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** min, p50, p90, p99, max (type 7) in one sort. */
export function quantiles(xs: readonly number[]): Quantiles {
  const s = sortedCopy(xs);
  return {
    min: s[0] as number,
    p50: quantileSorted(s, 0.5),
    p90: quantileSorted(s, 0.9),
    p99: quantileSorted(s, 0.99),
    max: s[s.length - 1] as number,
  };
}
