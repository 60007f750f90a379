import { TimeoutError } from '../../core/errors.js';
import { msSince, now } from './clock.js';
import type { IterationContext, IterationFn } from './types.js';

export interface IterationOutcome {
  readonly totalMs: number;
  readonly phases: Map<string, number>;
}

/** Runs one iteration with a fresh context and a timeout; resolves with its timings or rejects. */
export async function runIteration(
  fn: IterationFn,
  iteration: number,
  warmup: boolean,
  timeoutMs: number,
): Promise<IterationOutcome> {
  const phases = new Map<string, number>();
  const controller = new AbortController();
  let offClock = 0;
  const add = (name: string, ms: number) => phases.set(name, (phases.get(name) ?? 0) + ms);
  const ctx: IterationContext = {
    iteration,
    warmup,
    signal: controller.signal,
    async phase(name, f) {
      const t = now();
      try {
        return await f();
      } finally {
        add(name, msSince(t));
      }
    },
    record: add,
    async untimed(f) {
      const t = now();
      try {
        return await f();
      } finally {
        offClock += msSince(t);
      }
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(`benchmark iteration ${iteration}`, timeoutMs);
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  const start = now();
  try {
    await Promise.race([Promise.resolve().then(() => fn(ctx)), timeout]);
    return { totalMs: Math.max(0, msSince(start) - offClock), phases };
  } finally {
    clearTimeout(timer);
  }
}
