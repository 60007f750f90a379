import { ShipshapeError } from '../../core/errors.js';
import { exactTwoSidedP } from './exact-u.js';
import { normalSf } from './normal.js';
import { rankPooled } from './ranks.js';

export type MannWhitneyMethod = 'exact' | 'normal';

export interface MannWhitneyOptions {
  /** 'auto' (default): exact when there are no ties and both samples have fewer than 50 values (R's rule). */
  readonly method?: 'auto' | MannWhitneyMethod;
  /** Below this many values in either sample the result says significance must not be claimed. Default 6. */
  readonly minSamples?: number;
}

export interface MannWhitneyResult {
  /** U of the first sample: pairs (a, b) with a > b, ties counting one half (scipy's U1, R's W). */
  readonly u: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: MannWhitneyMethod;
  /** Normal approximation only: the continuity-corrected z of |U - mn/2|. */
  readonly z?: number;
  readonly ties: boolean;
  readonly nA: number;
  readonly nB: number;
  /** False when either sample has fewer than `minSamples` values: p is reported but must not gate. */
  readonly sufficient: boolean;
  /** Why `sufficient` is false. */
  readonly note?: string;
}

/**
 * Default minimum per side. With n < 6 the order statistics of a sample cannot give a 95% interval of the
 * median (min..max covers it with probability 1 - 2^(1-n) < 0.95), the rule benchstat's benchmath uses;
 * we refuse significance at the same point.
 */
export const MIN_SAMPLES = 6;
const EXACT_LIMIT = 50;

/** Two-sided Mann-Whitney U (Wilcoxon rank-sum) test of `a` against `b`. */
export function mannWhitneyU(
  a: readonly number[],
  b: readonly number[],
  o: MannWhitneyOptions = {},
): MannWhitneyResult {
  const nA = a.length;
  const nB = b.length;
  if (nA === 0 || nB === 0)
    throw new ShipshapeError('INVALID_INPUT', 'Mann-Whitney U: both samples need values');
  if ([...a, ...b].some((x) => !Number.isFinite(x))) {
    throw new ShipshapeError('INVALID_INPUT', 'Mann-Whitney U: non-finite value');
  }
  const { rankSumA, tieTerm, hasTies } = rankPooled(a, b);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const minSamples = o.minSamples ?? MIN_SAMPLES;
  const sufficient = nA >= minSamples && nB >= minSamples;
  const note = sufficient
    ? undefined
    : `need at least ${minSamples} samples per side to call significance; have ${nA} and ${nB}`;
  const method = o.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && !hasTies && nA < EXACT_LIMIT && nB < EXACT_LIMIT);
  const base = { u, ties: hasTies, nA, nB, sufficient, ...(note ? { note } : {}) };
  if (exact) {
    if (hasTies)
      throw new ShipshapeError('INVALID_INPUT', 'Mann-Whitney U: exact p-values need samples without ties');
    return { ...base, p: exactTwoSidedP(u, nA, nB), method: 'exact' };
  }
  const n = nA + nB;
  const mu = (nA * nB) / 2;
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { ...base, p: 1, z: 0, method: 'normal' };
  const z = Math.max(0, Math.abs(u - mu) - 0.5) / Math.sqrt(variance);
  return { ...base, p: Math.min(1, 2 * normalSf(z)), z, method: 'normal' };
}
