import { describe, expect, it, vi } from 'vitest';

// A fake monotonic clock: time moves only when the test says so, so phase arithmetic is exact.
const clock = vi.hoisted(() => ({ ns: 0n }));
vi.mock('./clock.js', () => ({
  now: () => clock.ns,
  msSince: (start: bigint) => Number(clock.ns - start) / 1e6,
}));
const advance = (ms: number) => {
  clock.ns += BigInt(ms * 1e6);
};

const { sample } = await import('./sample.js');

describe('sample phases', () => {
  it('times named phases within an iteration and keeps untimed work off the total', async () => {
    const set = await sample(
      async (ctx) => {
        await ctx.phase('create', () => advance(2));
        await ctx.phase('start', async () => advance(1));
        ctx.record('wait', 7);
        await ctx.untimed(() => advance(6));
      },
      { warmup: 1, minSamples: 4, maxSamples: 4 },
    );
    expect(Object.keys(set.phases)).toEqual(['create', 'start', 'wait']);
    expect(set.phases.create).toEqual([2, 2, 2, 2]);
    expect(set.phases.start).toEqual([1, 1, 1, 1]);
    expect(set.phases.wait).toEqual([7, 7, 7, 7]);
    // 3 ms timed; the 6 ms of untimed work is not in the total.
    expect(set.samples).toEqual([3, 3, 3, 3]);
  });
});
