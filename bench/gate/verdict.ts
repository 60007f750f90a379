import type { Verdict } from './types.js';

/**
 * Both conditions, never one: significant after correction (pAdjusted < alpha) AND a median change beyond
 * the threshold. Log-symmetric: a regression needs ratio > 1 + t, an improvement ratio < 1 / (1 + t), so
 * swapping baseline and current swaps the two verdicts.
 */
export function decide(ratio: number, pAdjusted: number, threshold: number, alpha: number): Verdict {
  if (!(pAdjusted < alpha)) return 'no-change';
  if (ratio > 1 + threshold) return 'regression';
  if (ratio < 1 / (1 + threshold)) return 'improvement';
  return 'no-change';
}
