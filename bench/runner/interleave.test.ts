import { describe, expect, it } from 'vitest';
import { roundOrder, sampleInterleaved } from './interleave.js';
import type { IterationFn } from './types.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sampleInterleaved', () => {
  it('alternates two contenders A B, B A round by round and tags samples with their round', async () => {
    const calls: string[] = [];
    const fn =
      (name: string): IterationFn =>
      (ctx) => {
        calls.push(`${name}${ctx.warmup ? 'w' : ''}`);
        ctx.record('start', name === 'a' ? 1 : 2);
      };
    const [a, b] = await sampleInterleaved([fn('a'), fn('b')], {
      warmup: 2,
      minSamples: 4,
      maxSamples: 4,
      timeBudgetMs: 60_000,
    });
    expect(calls).toEqual(['aw', 'bw', 'bw', 'aw', 'a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(a?.rounds).toEqual([0, 1, 2, 3]);
    expect(b?.phaseRounds.start).toEqual([0, 1, 2, 3]);
    expect(b?.phases.start).toEqual([2, 2, 2, 2]);
    expect(a?.warmupsDone).toBe(2);
    expect(a?.stoppedBy).toBe('max-samples');
  });

  it('rotates three or more contenders so each takes every position', () => {
    expect([0, 1, 2].map((r) => roundOrder(r, 3))).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
    ]);
  });

  it('runs a round as `concurrency` iterations of one contender at once, never mixed with another', async () => {
    const inFlight = new Map<string, number>();
    let mixed = false;
    let peak = 0;
    const fn =
      (name: string): IterationFn =>
      async () => {
        inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
        if ([...inFlight].some(([k, v]) => k !== name && v > 0)) mixed = true;
        peak = Math.max(peak, inFlight.get(name) ?? 0);
        await tick();
        inFlight.set(name, (inFlight.get(name) ?? 0) - 1);
      };
    const sets = await sampleInterleaved([fn('a'), fn('b')], {
      warmup: 0,
      concurrency: 4,
      minSamples: 8,
      maxSamples: 10,
    });
    expect(mixed).toBe(false);
    expect(peak).toBe(4);
    expect(sets.map((s) => s.samples.length)).toEqual([12, 12]); // ceil(10 / 4) rounds of 4
    expect(sets[0]?.rounds.slice(0, 5)).toEqual([0, 0, 0, 0, 1]);
  });

  it('rates throughput over the rounds` timed makespans, leaving off-clock work out', async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // Each iteration: 20 ms on the clock, then 60 ms off it (as the host calibration runs).
    const fn: IterationFn = async (ctx) => {
      await sleep(20);
      await ctx.untimed(() => sleep(60));
    };
    const [set] = await sampleInterleaved([fn], { warmup: 0, concurrency: 2, minSamples: 4, maxSamples: 4 });
    // 2 at once, 20 ms each: about 100/s; the wall time (80 ms a round) would give about 25/s.
    expect(set?.opsPerSecond).toBeGreaterThan(60);
    expect(set?.opsPerSecond).toBeLessThan(101);
    expect(set?.elapsedMs).toBeGreaterThanOrEqual(155);
  });

  it('drops a contender after maxErrors failures and keeps sampling the others', async () => {
    const ok: IterationFn = () => undefined;
    const bad: IterationFn = () => {
      throw new Error('engine gone');
    };
    const [a, b] = await sampleInterleaved([ok, bad], {
      warmup: 0,
      minSamples: 6,
      maxSamples: 6,
      maxErrors: 2,
    });
    expect(a?.samples).toHaveLength(6);
    expect(b?.samples).toHaveLength(0);
    expect(b?.errors).toHaveLength(2);
    expect(b?.errors[0]?.message).toBe('engine gone');
    expect(b?.stoppedBy).toBe('errors');
    expect(a?.stoppedBy).toBe('max-samples');
  });

  it('stops at the hard limit even below the minimum', async () => {
    const slow: IterationFn = () => new Promise((resolve) => setTimeout(resolve, 20));
    const [a] = await sampleInterleaved([slow, slow], {
      warmup: 0,
      minSamples: 1000,
      maxSamples: 1000,
      timeBudgetMs: 10,
      hardLimitMs: 30,
    });
    expect(a?.stoppedBy).toBe('hard-limit');
    expect(a?.samples.length).toBeLessThan(10);
  });
});
