import { ShipshapeError } from '../../core/errors.js';
import { MIN_SAMPLES } from './mann-whitney.js';
import { normalSf } from './normal.js';

export type WilcoxonMethod = 'exact' | 'normal';

export interface WilcoxonResult {
  /** V: the sum of the ranks of the positive differences (R's V, scipy's r_plus). */
  readonly v: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: WilcoxonMethod;
  /** Normal approximation only: the continuity-corrected z of |V - n(n+1)/4|. */
  readonly z?: number;
  /** Differences used (zeros are dropped, as R and scipy's `wilcox` zero method do). */
  readonly n: number;
  readonly zeros: number;
  readonly ties: boolean;
  /** False when fewer than `minSamples` non-zero differences remain: p is reported but must not gate. */
  readonly sufficient: boolean;
  readonly note?: string;
}

const EXACT_LIMIT = 50;

/** P(V = v) for n ranks 1..n without ties: counts of subsets of {1..n} summing to v, over 2^n. */
export function exactSignedRankDistribution(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  let dist = new Float64Array(max + 1);
  dist[0] = 1;
  for (let k = 1; k <= n; k++) {
    const next = new Float64Array(max + 1);
    for (let v = 0; v <= max; v++) {
      const p = dist[v] as number;
      if (p === 0) continue;
      next[v] = (next[v] as number) + p / 2;
      next[v + k] = (next[v + k] as number) + p / 2;
    }
    dist = next;
  }
  return dist;
}

/** Midranks of |d| (1-based) and the tie term sum(t^3 - t). */
function absRanks(d: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = d.map((x, i) => ({ a: Math.abs(x), i })).sort((x, y) => x.a - y.a);
  const ranks = new Array<number>(d.length).fill(0);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.a === order[i]?.a) j++;
    const t = j - i + 1;
    for (let k = i; k <= j; k++) ranks[(order[k] as { i: number }).i] = (i + j) / 2 + 1;
    if (t > 1) tieTerm += t ** 3 - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * Two-sided Wilcoxon signed-rank test that the differences `d` (paired: current - baseline, or log
 * ratios) are centred on 0. Exact when no ties and fewer than 50 non-zero differences (R's rule), else
 * the normal approximation with tie-corrected variance and continuity correction.
 */
export function wilcoxonSignedRank(
  d: readonly number[],
  o: { minSamples?: number; method?: 'auto' | WilcoxonMethod } = {},
): WilcoxonResult {
  if (d.some((x) => !Number.isFinite(x)))
    throw new ShipshapeError('INVALID_INPUT', 'Wilcoxon signed-rank: non-finite difference');
  const nonZero = d.filter((x) => x !== 0);
  const n = nonZero.length;
  const zeros = d.length - n;
  const minSamples = o.minSamples ?? MIN_SAMPLES;
  const sufficient = n >= minSamples;
  const note = sufficient ? undefined : `need at least ${minSamples} non-zero pairs; have ${n}`;
  if (n === 0)
    return { v: 0, p: 1, method: 'exact', n, zeros, ties: false, sufficient, ...(note ? { note } : {}) };
  const { ranks, tieTerm } = absRanks(nonZero);
  let v = 0;
  for (let i = 0; i < n; i++) if ((nonZero[i] as number) > 0) v += ranks[i] as number;
  const ties = tieTerm > 0;
  const base = { v, n, zeros, ties, sufficient, ...(note ? { note } : {}) };
  const method = o.method ?? 'auto';
  if (method === 'exact' || (method === 'auto' && !ties && n < EXACT_LIMIT)) {
    if (ties)
      throw new ShipshapeError(
        'INVALID_INPUT',
        'Wilcoxon signed-rank: exact p-values need untied |differences|',
      );
    const dist = exactSignedRankDistribution(n);
    const lower = Math.min(v, (n * (n + 1)) / 2 - v);
    let tail = 0;
    for (let k = 0; k <= Math.floor(lower + 1e-9); k++) tail += dist[k] as number;
    return { ...base, p: Math.min(1, 2 * tail), method: 'exact' };
  }
  const mu = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return { ...base, p: 1, z: 0, method: 'normal' };
  const z = Math.max(0, Math.abs(v - mu) - 0.5) / Math.sqrt(variance);
  return { ...base, p: Math.min(1, 2 * normalSf(z)), z, method: 'normal' };
}
