import { quantileSorted } from './quantile.js';
import { sortedCopy } from './sorted.js';

/** Median (type 7 p = 0.5, i.e. the mean of the two middle values for even n). */
export const median = (xs: readonly number[]): number => quantileSorted(sortedCopy(xs), 0.5);

export function mean(xs: readonly number[]): number {
  const s = sortedCopy(xs);
  let sum = 0;
  for (const x of s) sum += x;
  return sum / s.length;
}

/** Sample standard deviation (denominator n - 1, like R's sd); 0 for a single value. */
export function stddev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Median absolute deviation from the median, RAW (R's mad(x, constant = 1)). Multiply by 1.4826 for a
 * consistent estimate of sigma under normality (R's default); `MAD_NORMAL_SCALE` is that constant.
 */
export function mad(xs: readonly number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

export const MAD_NORMAL_SCALE = 1.4826;
