import type { BenchmarkResult, ParameterValue } from '../results/types.js';
import { type SummaryOptions, summarize } from '../stats/summary.js';
import {
  containersPerSecond,
  filesPerSecond,
  megabytesPerSecond,
  opsPerSecond,
} from '../stats/throughput.js';
import type { SampleSet } from './types.js';

export type WorkUnit = 'MB/s' | 'files/s' | 'containers/s' | 'ops/s';

/** Work done by one iteration, reported as a rate at the median duration. */
export interface Work {
  readonly amount: number;
  readonly unit: WorkUnit;
}

const RATES: Record<WorkUnit, (amount: number, ms: number) => number> = {
  'MB/s': megabytesPerSecond,
  'files/s': filesPerSecond,
  'containers/s': containersPerSecond,
  'ops/s': opsPerSecond,
};

export interface ResultMeta {
  readonly id: string;
  readonly engine: string;
  readonly parameters?: Record<string, ParameterValue>;
  readonly work?: Work;
}

/** Summaries (seeded bootstrap CIs) for the total and each phase. Needs at least one sample. */
export function toBenchmarkResult(
  meta: ResultMeta,
  set: SampleSet,
  stats: SummaryOptions = {},
): BenchmarkResult {
  const summary = summarize(set.samples, stats);
  const throughput =
    meta.work && summary.median > 0
      ? { unit: meta.work.unit, value: RATES[meta.work.unit](meta.work.amount, summary.median) }
      : { unit: 'ops/s', value: set.opsPerSecond };
  return {
    id: meta.id,
    engine: meta.engine,
    parameters: { ...(meta.parameters ?? {}) },
    unit: 'ms',
    samples: [...set.samples],
    summary,
    phases: Object.entries(set.phases).map(([name, samples]) => ({
      name,
      samples,
      summary: summarize(samples, stats),
    })),
    concurrency: set.concurrency,
    warmup: set.warmupsDone,
    stoppedBy: set.stoppedBy,
    elapsedMs: set.elapsedMs,
    throughput,
    errors: set.errors.map((e) => `${e.stage} #${e.iteration}: ${e.message}`),
  };
}
