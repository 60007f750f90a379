import type { Verdict } from './types.js';

/**
 * Both conditions, never one: significant after correction (pAdjusted < alpha) AND a change beyond the
 * threshold WITH CONFIDENCE: the whole bootstrap interval of the ratio of medians lies beyond it. A
 * regression needs ci.low > 1 + t, an improvement ci.high < 1 / (1 + t) (log-symmetric: swapping
 * baseline and current swaps the two verdicts). A point estimate past the threshold is not enough: with
 * a dozen noisy samples it is, by itself, a coin toss near the threshold.
 */
export function decide(
  ci: { readonly low: number; readonly high: number },
  pAdjusted: number,
  threshold: number,
  alpha: number,
): Verdict {
  if (!(pAdjusted < alpha)) return 'no-change';
  if (ci.low > 1 + threshold) return 'regression';
  if (ci.high < 1 / (1 + threshold)) return 'improvement';
  return 'no-change';
}
