import { describe, expect, it } from 'vitest';
import { msSince, now } from './clock.js';
import { sample } from './sample.js';
import type { Progress } from './types.js';

/** Busy-waits `ms` on the monotonic clock (a deterministic amount of work to time; not a sleep). */
const spin = (ms: number) => {
  const t = now();
  while (msSince(t) < ms) {
    /* spin */
  }
};
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sample', () => {
  it('warms up, then stops at maxSamples, reporting progress per stage', async () => {
    const seen: Progress[] = [];
    let calls = 0;
    const set = await sample(
      (ctx) => {
        calls++;
        expect(ctx.warmup).toBe(calls <= 3);
      },
      {
        warmup: 3,
        minSamples: 5,
        maxSamples: 20,
        timeBudgetMs: 60_000,
        label: 'b',
        onProgress: (p) => seen.push(p),
      },
    );
    expect(calls).toBe(23);
    expect(set.samples).toHaveLength(20);
    expect(set.warmupsDone).toBe(3);
    expect(set.stoppedBy).toBe('max-samples');
    expect(seen.filter((p) => p.stage === 'warmup')).toHaveLength(3);
    expect(seen.at(-1)).toEqual({ benchmark: 'b', stage: 'measure', done: 20, target: 20 });
    expect(set.samples.every((s) => s >= 0)).toBe(true);
  });

  it('stops at the time budget once minSamples is met', async () => {
    const set = await sample(() => {}, { warmup: 0, minSamples: 5, maxSamples: 1000, timeBudgetMs: 0 });
    expect(set.samples).toHaveLength(5);
    expect(set.stoppedBy).toBe('time-budget');
  });

  it('stops at the hard limit even below minSamples', async () => {
    const t = now();
    const set = await sample(() => spin(5), {
      warmup: 0,
      minSamples: 1000,
      maxSamples: 1000,
      timeBudgetMs: 0,
      hardLimitMs: 40,
    });
    expect(set.stoppedBy).toBe('hard-limit');
    expect(set.samples.length).toBeLessThan(20);
    expect(msSince(t)).toBeLessThan(1000);
  });

  it('records failures apart from samples and stops after maxErrors', async () => {
    const set = await sample(
      (ctx) => {
        if (ctx.iteration % 2 === 1) throw new Error(`boom ${ctx.iteration}`);
      },
      { warmup: 0, minSamples: 50, maxSamples: 50, maxErrors: 3 },
    );
    expect(set.stoppedBy).toBe('errors');
    expect(set.errors.map((e) => e.message)).toEqual(['boom 1', 'boom 3', 'boom 5']);
    expect(set.samples).toHaveLength(3);
  });

  it('times out a hung iteration, aborts its signal, and does not hang', async () => {
    const signals: AbortSignal[] = [];
    const set = await sample(
      (ctx) => {
        signals.push(ctx.signal);
        return new Promise<void>(() => {});
      },
      { warmup: 0, minSamples: 5, maxSamples: 5, iterationTimeoutMs: 20, maxErrors: 2 },
    );
    expect(set.stoppedBy).toBe('errors');
    expect(set.samples).toHaveLength(0);
    expect(set.errors[0]?.message).toMatch(/timed out after 20 ms/);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('runs K iterations at once, never more, and reports ops/s', async () => {
    let inFlight = 0;
    let peak = 0;
    const set = await sample(
      async () => {
        peak = Math.max(peak, ++inFlight);
        for (let i = 0; i < 3; i++) await tick();
        inFlight--;
      },
      { warmup: 4, minSamples: 40, maxSamples: 40, concurrency: 4 },
    );
    expect(peak).toBe(4);
    expect(set.samples).toHaveLength(40);
    expect(set.concurrency).toBe(4);
    expect(set.opsPerSecond).toBeGreaterThan(0);
  });

  it('rejects options that would make a loop unbounded or meaningless', async () => {
    await expect(sample(() => {}, { maxSamples: Number.POSITIVE_INFINITY })).rejects.toThrow(/maxSamples/);
    await expect(sample(() => {}, { minSamples: 10, maxSamples: 5 })).rejects.toThrow(/minSamples/);
    await expect(sample(() => {}, { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
