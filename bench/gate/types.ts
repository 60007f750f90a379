import type { Interval } from '../stats/bootstrap.js';
import type { CalibrationSummary, Normalize } from './calibration.js';
import type { Correction } from './multiple.js';

export type Verdict = 'regression' | 'improvement' | 'no-change' | 'insufficient-data';

export interface CompareOptions {
  /** Smallest median slowdown that counts, as a fraction: 0.10 = 10%. Default 0.10. */
  readonly threshold?: number;
  /** Family-wise significance level. Default 0.05. */
  readonly alpha?: number;
  /** Multiple-comparison correction over all compared figures. Default 'holm'. */
  readonly correction?: Correction;
  /** Fewest samples per side for a verdict other than insufficient-data. Default 6. */
  readonly minSamples?: number;
  /** Compare phases too (each is a figure in the family). Default true. */
  readonly phases?: boolean;
  /**
   * 'none' (default): judge raw ratios (the calibration is still reported). 'host': when both runs carry
   * `host/calibration` and its drift is established, divide every figure's ratio by the calibration's
   * ratio before judging. Opt-in: on the development host the spawn workload over-reacts to load.
   */
  readonly normalize?: Normalize;
  /** Bootstrap settings for the ratio CI. Defaults: seed 1, 2000 resamples. */
  readonly seed?: number;
  readonly resamples?: number;
}

export interface Comparison {
  /** Figure name: `id` or `id > phase`. */
  readonly name: string;
  readonly engine: string;
  /** Unit of the medians: `ms` (absent means ms) or `MiB` for memory figures. */
  readonly unit?: string;
  readonly verdict: Verdict;
  readonly baseline: { readonly n: number; readonly median: number };
  readonly current: { readonly n: number; readonly median: number };
  /** median(current) / median(baseline), divided by the host calibration ratio when `normalized`. */
  readonly ratio?: number;
  /** Bootstrap interval of `ratio`; the verdict needs all of it beyond the threshold. */
  readonly ratioCi?: Interval;
  /** True when `ratio` was normalised by the host calibration; `rawRatio` is then the plain ratio. */
  readonly normalized?: boolean;
  readonly rawRatio?: number;
  /** Baseline gates relative to a reference engine: the figure as a ratio to it in each run (medians). */
  readonly relative?: { readonly to: string; readonly baseline: number; readonly current: number };
  /** Paired A/B gates: the number of rounds paired (ratio: Hodges-Lehmann over per-round ratios). */
  readonly pairs?: number;
  /** Two-sided p (Mann-Whitney; Wilcoxon signed-rank when paired), raw and after the correction. */
  readonly p?: number;
  readonly pAdjusted?: number;
  /** One line saying why: significance, size of change, or what is missing. */
  readonly reason: string;
}

export interface GateReport {
  readonly options: Required<Omit<CompareOptions, 'seed' | 'resamples'>>;
  readonly comparisons: readonly Comparison[];
  /** Figures present on one side only (not judged). */
  readonly onlyInBaseline: readonly string[];
  readonly onlyInCurrent: readonly string[];
  /** Set when baseline and current ran on visibly different hosts (ratios may not transfer). */
  readonly environmentNotes: readonly string[];
  /** Set for a baseline gate on ratios to this reference engine (both runs interleaved with it). */
  readonly relativeTo?: string;
  /** Set for an A/B gate within one interleaved run: which engine is the baseline, which the current. */
  readonly paired?: { readonly baseline: string; readonly current: string };
  /** The host reference workload in both runs, when both have it (not judged as a figure). */
  readonly calibration?: CalibrationSummary;
}
