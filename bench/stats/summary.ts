import { type BootstrapOptions, bootstrapMedianCi, type Interval } from './bootstrap.js';
import { mad, mean, stddev } from './describe.js';
import { quantiles } from './quantile.js';

/** The figures reported for one set of samples; `ci` is the bootstrap interval of the median. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly stddev: number;
  readonly mad: number;
  readonly min: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Absent (null) below `minSamples`: too few values for an honest interval. */
  readonly ci: Interval | null;
}

export interface SummaryOptions extends BootstrapOptions {
  /** Fewest samples for which a CI is computed. Default 6 (see MIN_SAMPLES). */
  readonly minSamples?: number;
}

export function summarize(samples: readonly number[], o: SummaryOptions = {}): Summary {
  const q = quantiles(samples);
  const n = samples.length;
  return {
    n,
    median: q.p50,
    mean: mean(samples),
    stddev: stddev(samples),
    mad: mad(samples),
    min: q.min,
    p90: q.p90,
    p99: q.p99,
    max: q.max,
    ci: n >= (o.minSamples ?? 6) ? bootstrapMedianCi(samples, o) : null,
  };
}
