import { ShipshapeError } from '../../core/errors.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import type { MedianRatio } from './ratio.js';
import { type WilcoxonResult, wilcoxonSignedRank } from './wilcoxon.js';

export interface PairedRatio extends MedianRatio {
  /** Wilcoxon signed-rank test of the log ratios against 0. */
  readonly test: WilcoxonResult;
  readonly pairs: number;
}

/**
 * Paired A/B ratio on the log scale: exp of the Hodges-Lehmann centre of log(b_i / a_i), its
 * distribution-free interval (the signed-rank test inverted), and that test. Pairing removes what both
 * sides of a pair shared, such as host drift; logs make the ratio symmetric (A/B is 1 / (B/A)).
 */
export function pairedRatio(
  baseline: readonly number[],
  current: readonly number[],
  o: { level?: number; minSamples?: number } = {},
): PairedRatio {
  if (baseline.length !== current.length || baseline.length === 0)
    throw new ShipshapeError('INVALID_INPUT', 'paired ratio: need equally many baseline and current values');
  if ([...baseline, ...current].some((x) => !(x > 0 && Number.isFinite(x))))
    throw new ShipshapeError('INVALID_INPUT', 'paired ratio: values must be positive and finite');
  const logs = baseline.map((a, i) => Math.log((current[i] as number) / a));
  const hl = hodgesLehmann(logs, o.level ?? 0.95);
  return {
    ratio: Math.exp(hl.estimate),
    ci: { level: hl.ci.level, low: Math.exp(hl.ci.low), high: Math.exp(hl.ci.high) },
    test: wilcoxonSignedRank(logs, o.minSamples === undefined ? {} : { minSamples: o.minSamples }),
    pairs: logs.length,
  };
}
