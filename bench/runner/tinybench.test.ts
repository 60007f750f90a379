import { describe, expect, it, vi } from 'vitest';

// The real tinybench, with every Bench the sampler makes recorded (its options, concurrency, tasks run).
const made = vi.hoisted(
  () => [] as { opts: Record<string, unknown>; concurrency: unknown; threshold: unknown }[],
);
vi.mock('tinybench', async (load) => {
  const real = await load<typeof import('tinybench')>();
  class Recorded extends real.Bench {
    override async run() {
      made.push({ opts: { ...this.opts }, concurrency: this.concurrency, threshold: this.threshold });
      return super.run();
    }
  }
  return { ...real, Bench: Recorded };
});

const { sample } = await import('./sample.js');
const signalOf = (i: number) => made[i]?.opts.signal as AbortSignal | undefined;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sample on tinybench', () => {
  it("runs warm-up and measurement in tinybench's loop with our counts and concurrency", async () => {
    made.length = 0;
    const set = await sample(async () => tick(), { warmup: 3, minSamples: 8, maxSamples: 8, concurrency: 4 });
    expect(set.samples).toHaveLength(8);
    expect(set.warmupsDone).toBe(3);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      opts: { warmup: true, warmupIterations: 3, warmupTime: 0, iterations: 8, time: 0 },
      concurrency: 'task',
      threshold: 4,
    });
    expect(signalOf(0)?.aborted).toBe(false); // ran to maxSamples
  });

  it('aborts tinybench at the time budget and starts no iteration after returning (concurrency 4)', async () => {
    made.length = 0;
    let started = 0;
    const set = await sample(
      async () => {
        started++;
        await new Promise((r) => setTimeout(r, 5));
      },
      { warmup: 0, minSamples: 8, maxSamples: 400, timeBudgetMs: 0, concurrency: 4 },
    );
    expect(set.stoppedBy).toBe('time-budget');
    expect(set.samples.length).toBeGreaterThanOrEqual(8);
    expect(set.samples.length).toBeLessThan(20);
    expect(signalOf(0)?.aborted).toBe(true);
    const seen = started;
    await new Promise((r) => setTimeout(r, 50)); // tinybench's queue drains into no-ops
    expect(started).toBe(seen);
    expect(started).toBe(set.samples.length);
  });

  it('stops when the caller aborts, keeping what was measured', async () => {
    const caller = new AbortController();
    let n = 0;
    const set = await sample(
      () => {
        if (++n === 5) caller.abort();
      },
      { warmup: 0, minSamples: 100, maxSamples: 100, signal: caller.signal },
    );
    expect(set.samples).toHaveLength(5);
    expect(set.stoppedBy).toBe('hard-limit');
  });
});
