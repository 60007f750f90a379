import { ShipshapeError } from '../../core/errors.js';
import type { Interval } from './bootstrap.js';
import { exactUDistribution } from './exact-u.js';
import { normalSf } from './normal.js';
import { quantileSorted } from './quantile.js';
import { exactSignedRankDistribution } from './wilcoxon.js';

/** Above this many values the signed-rank critical value comes from the normal approximation. */
const EXACT_LIMIT = 300;

/** z with P(Z > z) = tail, by bisection on the upper tail (monotone; 80 halvings reach double precision). */
export function normalUpperQuantile(tail: number): number {
  if (!(tail > 0 && tail < 1))
    throw new ShipshapeError('INVALID_INPUT', `tail must be in (0, 1), got ${tail}`);
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalSf(mid) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Smallest k with P(V <= k) >= p under the signed-rank null for n values (R's qsignrank). */
function signedRankQuantile(p: number, n: number): number {
  const m = (n * (n + 1)) / 2;
  if (n > EXACT_LIMIT) {
    const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
    return Math.max(0, Math.min(m, Math.round(m / 2 - normalUpperQuantile(p) * sd)));
  }
  const dist = exactSignedRankDistribution(n);
  let acc = 0;
  for (let k = 0; k <= m; k++) {
    acc += dist[k] as number;
    if (acc >= p - 1e-12) return k;
  }
  return m;
}

/**
 * Hodges-Lehmann estimate of the centre of `d` (the median of all Walsh averages (d_i + d_j) / 2, i <= j)
 * with its distribution-free interval from the signed-rank distribution (Tukey; what R's
 * `wilcox.test(conf.int = TRUE)` gives): the interval and the signed-rank test agree, and it is far more
 * efficient than a bootstrap of the median. Exact up to 300 values, normal approximation above.
 */
export function hodgesLehmann(d: readonly number[], level = 0.95): { estimate: number; ci: Interval } {
  const n = d.length;
  if (n === 0) throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann: no values');
  if (d.some((x) => !Number.isFinite(x)))
    throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann: non-finite value');
  if (!(level > 0 && level < 1))
    throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann: level must be in (0, 1)');
  const walsh: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) walsh.push(((d[i] as number) + (d[j] as number)) / 2);
  walsh.sort((a, b) => a - b);
  const m = walsh.length;
  const qu = Math.max(1, signedRankQuantile((1 - level) / 2, n));
  const low = walsh[qu - 1] as number;
  const high = walsh[Math.min(m, m - qu + 1) - 1] as number;
  return { estimate: quantileSorted(walsh, 0.5), ci: { level, low, high } };
}

/** Smallest k with P(U <= k) >= p under the rank-sum null for samples of m and n (R's qwilcox). */
function rankSumQuantile(p: number, m: number, n: number): number {
  const mn = m * n;
  if (m >= 50 || n >= 50) {
    const sd = Math.sqrt((mn * (m + n + 1)) / 12);
    return Math.max(0, Math.min(mn, Math.round(mn / 2 - normalUpperQuantile(p) * sd)));
  }
  const dist = exactUDistribution(m, n);
  let acc = 0;
  for (let k = 0; k <= mn; k++) {
    acc += dist[k] as number;
    if (acc >= p - 1e-12) return k;
  }
  return mn;
}

/**
 * Two-sample Hodges-Lehmann shift of `y` against `x`: the median of all differences y_j - x_i, with its
 * distribution-free interval from the rank-sum (Mann-Whitney) distribution, as R's
 * `wilcox.test(y, x, conf.int = TRUE)`. Exact below 50 values per side, normal approximation above.
 */
export function hodgesLehmannShift(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): { estimate: number; ci: Interval } {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0)
    throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann shift: both samples need values');
  if ([...x, ...y].some((v) => !Number.isFinite(v)))
    throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann shift: non-finite value');
  if (!(level > 0 && level < 1))
    throw new ShipshapeError('INVALID_INPUT', 'Hodges-Lehmann shift: level must be in (0, 1)');
  const diffs: number[] = [];
  for (const a of x) for (const b of y) diffs.push(b - a);
  diffs.sort((a, b) => a - b);
  const mn = diffs.length;
  const qu = Math.max(1, rankSumQuantile((1 - level) / 2, m, n));
  return {
    estimate: quantileSorted(diffs, 0.5),
    ci: { level, low: diffs[qu - 1] as number, high: diffs[Math.min(mn, mn - qu + 1) - 1] as number },
  };
}
