import type { StopReason } from '../results/types.js';
import { msSince, now } from './clock.js';
import { runIteration } from './iteration.js';
import type { IterationError, IterationFn, Stage } from './types.js';

export interface StageLimits {
  readonly stage: Stage;
  readonly max: number;
  readonly min: number;
  readonly budgetMs: number;
  readonly hardMs: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly maxErrors: number;
  readonly onDone?: (done: number) => void;
}

export interface StageResult {
  readonly samples: number[];
  readonly phases: Record<string, number[]>;
  readonly errors: IterationError[];
  readonly elapsedMs: number;
  readonly stoppedBy: StopReason;
}

/**
 * A bounded pool of `concurrency` workers. Each starts a new iteration until: `max` started, `maxErrors`
 * failures, `hardMs` elapsed, or (`min` reached counting those in flight and `budgetMs` elapsed).
 */
export async function runStage(fn: IterationFn, l: StageLimits): Promise<StageResult> {
  const samples: number[] = [];
  const phases: Record<string, number[]> = {};
  const errors: IterationError[] = [];
  const start = now();
  let started = 0;
  let inFlight = 0;
  let done = 0;
  let stoppedBy: StopReason | undefined;
  const stopReason = (): StopReason | undefined => {
    if (errors.length >= l.maxErrors) return 'errors';
    if (started >= l.max) return 'max-samples';
    const elapsed = msSince(start);
    if (elapsed >= l.hardMs) return 'hard-limit';
    if (samples.length + inFlight >= l.min && elapsed >= l.budgetMs) return 'time-budget';
    return undefined;
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const why = stopReason();
      if (why) {
        stoppedBy ??= why;
        return;
      }
      const i = started++;
      inFlight++;
      try {
        const out = await runIteration(fn, i, l.stage === 'warmup', l.timeoutMs);
        samples.push(out.totalMs);
        for (const [name, ms] of out.phases) {
          const list = phases[name] ?? [];
          list.push(ms);
          phases[name] = list;
        }
      } catch (err) {
        errors.push({
          stage: l.stage,
          iteration: i,
          message: err instanceof Error ? err.message : String(err),
        });
      } finally {
        inFlight--;
        l.onDone?.(++done);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(l.concurrency, Math.max(l.max, 1)) }, worker));
  return { samples, phases, errors, elapsedMs: msSince(start), stoppedBy: stoppedBy ?? 'max-samples' };
}
