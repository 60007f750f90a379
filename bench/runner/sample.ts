import { resolveOptions } from './options.js';
import { runStage } from './stage.js';
import type { IterationFn, SamplerOptions, SampleSet } from './types.js';

/**
 * Warm up, then measure `fn`: at least `minSamples` and at most `maxSamples` iterations, stopping at the
 * time budget once the minimum is met; every stage is also capped in wall time and failures. With
 * `concurrency` K, K iterations run at once and the samples are per-operation latencies.
 */
export async function sample(fn: IterationFn, options: SamplerOptions = {}): Promise<SampleSet> {
  const o = resolveOptions(options);
  const common = { concurrency: o.concurrency, timeoutMs: o.iterationTimeoutMs, maxErrors: o.maxErrors };
  const report = (stage: 'warmup' | 'measure', target: number) => (done: number) =>
    o.onProgress?.({ benchmark: o.label, stage, done, target });
  const warm =
    o.warmup > 0
      ? await runStage(fn, {
          ...common,
          stage: 'warmup',
          max: o.warmup,
          min: 0,
          budgetMs: o.warmupBudgetMs,
          hardMs: o.warmupBudgetMs,
          onDone: report('warmup', o.warmup),
        })
      : undefined;
  const measured = await runStage(fn, {
    ...common,
    stage: 'measure',
    max: o.maxSamples,
    min: o.minSamples,
    budgetMs: o.timeBudgetMs,
    hardMs: o.hardLimitMs,
    onDone: report('measure', o.maxSamples),
  });
  const n = measured.samples.length;
  return {
    samples: measured.samples,
    phases: measured.phases,
    warmupsDone: warm ? warm.samples.length : 0,
    concurrency: o.concurrency,
    elapsedMs: measured.elapsedMs,
    opsPerSecond: measured.elapsedMs > 0 ? n / (measured.elapsedMs / 1000) : 0,
    stoppedBy: measured.stoppedBy,
    errors: [...(warm?.errors ?? []), ...measured.errors],
  };
}
