import type { StopReason } from '../results/types.js';
import { msSince, now } from './clock.js';
import { runIteration } from './iteration.js';
import { resolveOptions } from './options.js';
import type { IterationError, IterationFn, SamplerOptions, SampleSet, Stage } from './types.js';

/** One contender's samples, each tagged with the round it ran in (phases too), for pairing. */
export interface InterleavedSet extends SampleSet {
  readonly rounds: number[];
  readonly phaseRounds: Record<string, number[]>;
}

interface Lane {
  readonly fn: IterationFn;
  samples: number[];
  rounds: number[];
  phases: Record<string, number[]>;
  phaseRounds: Record<string, number[]>;
  errors: IterationError[];
  busyMs: number;
  /** Sum over measured rounds of the round's longest timed iteration (its makespan, off-clock work left out). */
  onClockMs: number;
  warmed: number;
  out?: StopReason | undefined;
}

const push = (m: Record<string, number[]>, k: string, v: number) => {
  const list = m[k] ?? [];
  list.push(v);
  m[k] = list;
};

/** Round r runs the contenders starting at r mod n: with two, A B then B A, so order effects cancel. */
export const roundOrder = (round: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => (round + i) % n);

interface StagePlan {
  readonly stage: Stage;
  readonly maxRounds: number;
  readonly minRounds: number;
  readonly budgetMs: number;
  readonly hardMs: number;
}

async function runRounds(
  lanes: Lane[],
  p: StagePlan,
  o: ReturnType<typeof resolveOptions>,
  onRound: (done: number) => void,
): Promise<{ elapsedMs: number; stoppedBy: StopReason }> {
  const k = o.concurrency;
  const start = now();
  for (let round = 0; ; round++) {
    const elapsed = msSince(start);
    const stop: StopReason | undefined = lanes.every((l) => l.out)
      ? 'errors'
      : round >= p.maxRounds
        ? 'max-samples'
        : elapsed >= p.hardMs
          ? 'hard-limit'
          : round >= p.minRounds && elapsed >= p.budgetMs
            ? 'time-budget'
            : undefined;
    if (stop) return { elapsedMs: elapsed, stoppedBy: stop };
    for (const i of roundOrder(round, lanes.length)) {
      const lane = lanes[i] as Lane;
      if (lane.out) continue;
      const t = now();
      const outs = await Promise.allSettled(
        Array.from({ length: k }, (_, j) =>
          runIteration(lane.fn, round * k + j, p.stage === 'warmup', o.iterationTimeoutMs),
        ),
      );
      lane.busyMs += msSince(t);
      if (p.stage === 'measure')
        lane.onClockMs += Math.max(0, ...outs.map((x) => (x.status === 'fulfilled' ? x.value.totalMs : 0)));
      outs.forEach((out, j) => {
        if (out.status === 'rejected') {
          const message = out.reason instanceof Error ? out.reason.message : String(out.reason);
          lane.errors.push({ stage: p.stage, iteration: round * k + j, message });
          return;
        }
        if (p.stage === 'warmup') {
          lane.warmed++;
          return;
        }
        lane.samples.push(out.value.totalMs);
        lane.rounds.push(round);
        for (const [name, ms] of out.value.phases) {
          push(lane.phases, name, ms);
          push(lane.phaseRounds, name, round);
        }
      });
      if (lane.errors.filter((e) => e.stage === p.stage).length >= o.maxErrors) lane.out = 'errors';
    }
    onRound(round + 1);
  }
}

/**
 * Samples several contenders in one run, round by round: each round runs `concurrency` iterations of
 * every contender, one contender after another in a rotating order. Host drift (load from elsewhere,
 * thermal state) then hits every contender alike, and rounds pair their samples for a paired test.
 * Limits are those of `sample` per contender: the time budgets are multiplied by the contender count,
 * rounds are `ceil(samples / concurrency)`. A contender that reaches `maxErrors` drops out; the others go on.
 * `opsPerSecond` is successful iterations over the sum of each round's longest timed iteration.
 */
export async function sampleInterleaved(
  fns: readonly IterationFn[],
  options: SamplerOptions = {},
): Promise<InterleavedSet[]> {
  const o = resolveOptions(options);
  const n = Math.max(1, fns.length);
  const k = o.concurrency;
  const rounds = (x: number) => Math.ceil(x / k);
  const lanes: Lane[] = fns.map((fn) => ({
    fn,
    samples: [],
    rounds: [],
    phases: {},
    phaseRounds: {},
    errors: [],
    busyMs: 0,
    onClockMs: 0,
    warmed: 0,
  }));
  const report = (stage: Stage, target: number) => (done: number) =>
    o.onProgress?.({ benchmark: o.label, stage, done: done * k, target });
  if (o.warmup > 0) {
    const warm = rounds(o.warmup);
    const budget = o.warmupBudgetMs * n;
    await runRounds(
      lanes,
      { stage: 'warmup', maxRounds: warm, minRounds: 0, budgetMs: budget, hardMs: budget },
      o,
      report('warmup', warm * k),
    );
    for (const l of lanes) {
      l.busyMs = 0;
      l.out = undefined; // as in \`sample\`: warm-up failures do not cancel the measurement
    }
  }
  const measured = await runRounds(
    lanes,
    {
      stage: 'measure',
      maxRounds: rounds(o.maxSamples),
      minRounds: rounds(o.minSamples),
      budgetMs: o.timeBudgetMs * n,
      hardMs: o.hardLimitMs * n,
    },
    o,
    report('measure', rounds(o.maxSamples) * k),
  );
  return lanes.map((l) => ({
    samples: l.samples,
    rounds: l.rounds,
    phases: l.phases,
    phaseRounds: l.phaseRounds,
    warmupsDone: l.warmed,
    concurrency: k,
    elapsedMs: l.busyMs,
    // Operations over the rounds' timed makespans: the host calibration and monitors run off the clock
    // after an iteration and would otherwise lower the faster contender's rate the most.
    opsPerSecond: l.onClockMs > 0 ? l.samples.length / (l.onClockMs / 1000) : 0,
    stoppedBy: l.out ?? measured.stoppedBy,
    errors: l.errors,
  }));
}
