import { Bench } from 'tinybench';
import type { StopReason } from '../results/types.js';
import { msSince, now } from './clock.js';
import { runIteration } from './iteration.js';
import { resolveOptions } from './options.js';
import type { IterationError, IterationFn, SamplerOptions, SampleSet, Stage } from './types.js';

/** One stage (warm-up or measurement) as it runs: its bounds, counts and what it kept. */
interface StageRun {
  readonly stage: Stage;
  readonly max: number;
  readonly min: number;
  readonly budgetMs: number;
  readonly hardMs: number;
  readonly onDone: (done: number) => void;
  samples: number[];
  phases: Record<string, number[]>;
  errors: IterationError[];
  started: number;
  inFlight: number;
  done: number;
  begun: bigint;
  elapsedMs: number;
  stoppedBy?: StopReason | undefined;
}

const stageRun = (
  stage: Stage,
  b: Pick<StageRun, 'max' | 'min' | 'budgetMs' | 'hardMs' | 'onDone'>,
): StageRun => ({
  stage,
  ...b,
  samples: [],
  phases: {},
  errors: [],
  started: 0,
  inFlight: 0,
  done: 0,
  begun: now(),
  elapsedMs: 0,
});

/**
 * Why a stage should start no further iteration: `maxErrors` failures, `max` started, `hardMs` elapsed,
 * or `min` reached (counting those in flight) and `budgetMs` elapsed.
 */
function stopReason(st: StageRun, maxErrors: number): StopReason | undefined {
  if (st.errors.length >= maxErrors) return 'errors';
  if (st.started >= st.max) return 'max-samples';
  const elapsed = msSince(st.begun);
  if (elapsed >= st.hardMs) return 'hard-limit';
  if (st.samples.length + st.inFlight >= st.min && elapsed >= st.budgetMs) return 'time-budget';
  return undefined;
}

/**
 * Warm up, then measure `fn`: at least `minSamples` and at most `maxSamples` iterations, stopping at the
 * time budget once the minimum is met; every stage is also capped in wall time and failures. With
 * `concurrency` K, K iterations run at once and the samples are per-operation latencies.
 *
 * The loop is tinybench's (one task; its warm-up iterations; `iterations` = maxSamples with no minimum
 * time; concurrency 'task' with threshold K; its abort signal). What tinybench cannot express sits on top:
 * each call times its iteration itself (named phases, off-clock work subtracted, a per-iteration
 * timeout), failures are recorded instead of ending the task, and the time budget after `minSamples`, the
 * hard limit and `maxErrors` abort tinybench's loop (its `time` is a minimum, not a budget). tinybench's
 * own latency statistics are not used: ours (bench/stats) are computed from the kept samples.
 */
export async function sample(fn: IterationFn, options: SamplerOptions = {}): Promise<SampleSet> {
  const o = resolveOptions(options);
  const k = o.concurrency;
  const report = (stage: Stage, target: number) => (done: number) =>
    o.onProgress?.({ benchmark: o.label, stage, done, target });
  const warm = stageRun('warmup', {
    max: o.warmup,
    min: 0,
    budgetMs: o.warmupBudgetMs,
    hardMs: o.warmupBudgetMs,
    onDone: report('warmup', o.warmup),
  });
  const measure = stageRun('measure', {
    max: o.maxSamples,
    min: o.minSamples,
    budgetMs: o.timeBudgetMs,
    hardMs: o.hardLimitMs,
    onDone: report('measure', o.maxSamples),
  });
  // Stops tinybench's measurement loop; warm-up stops by turning the remaining calls into no-ops (an
  // abort there would also end the measurement, which shares the bench's signal).
  const stop = new AbortController();
  const signal = o.signal ? AbortSignal.any([stop.signal, o.signal]) : stop.signal;
  const running = new Set<Promise<void>>();
  let current = warm;
  const halt = (st: StageRun, why: StopReason) => {
    st.stoppedBy ??= why;
    if (st === measure && !stop.signal.aborted) stop.abort();
  };

  const iterate = async (st: StageRun): Promise<void> => {
    const i = st.started++;
    st.inFlight++;
    try {
      const out = await runIteration(fn, i, st.stage === 'warmup', o.iterationTimeoutMs);
      st.samples.push(out.totalMs);
      for (const [name, ms] of out.phases) {
        const list = st.phases[name] ?? [];
        list.push(ms);
        st.phases[name] = list;
      }
    } catch (err) {
      st.errors.push({
        stage: st.stage,
        iteration: i,
        message: err instanceof Error ? err.message : String(err),
      });
    } finally {
      st.inFlight--;
      st.onDone(++st.done);
    }
  };

  /** tinybench's task: one iteration of ours, unless the stage is over (then nothing, at once). */
  const task = async (): Promise<void> => {
    const st = current;
    if (o.signal?.aborted) return halt(st, 'hard-limit');
    const before = st.stoppedBy ?? stopReason(st, o.maxErrors);
    if (before) return halt(st, before);
    const p = iterate(st);
    running.add(p);
    try {
      await p;
    } finally {
      running.delete(p);
    }
    const after = st.stoppedBy ?? stopReason(st, o.maxErrors);
    // max-samples is reached by tinybench's own count; the other reasons end the loop early.
    if (after && after !== 'max-samples') halt(st, after);
  };

  const bench = new Bench({
    warmup: o.warmup > 0,
    warmupIterations: o.warmup,
    warmupTime: 0,
    iterations: o.maxSamples,
    time: 0,
    signal,
    throws: true, // `task` never throws; anything else is a bug to surface
    setup: (_task, mode) => {
      current = mode === 'warmup' ? warm : measure;
      current.begun = now();
    },
    teardown: async () => {
      // An aborted tinybench loop does not wait for iterations in flight: we do.
      while (running.size > 0) await Promise.allSettled([...running]);
      current.elapsedMs = msSince(current.begun);
    },
  });
  bench.concurrency = k > 1 ? 'task' : null;
  bench.threshold = k;
  bench.add(o.label, task);
  await bench.run();
  if (o.signal?.aborted) measure.stoppedBy ??= 'hard-limit'; // tinybench's loop saw the caller's abort

  const n = measure.samples.length;
  return {
    samples: measure.samples,
    phases: measure.phases,
    warmupsDone: warm.samples.length,
    concurrency: k,
    elapsedMs: measure.elapsedMs,
    opsPerSecond: measure.elapsedMs > 0 ? n / (measure.elapsedMs / 1000) : 0,
    stoppedBy: measure.stoppedBy ?? 'max-samples',
    errors: [...warm.errors, ...measure.errors],
  };
}
