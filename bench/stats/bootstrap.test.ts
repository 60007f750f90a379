import { describe, expect, it } from 'vitest';
import { bootstrapMedianCi } from './bootstrap.js';
import { mulberry32 } from './prng.js';
import { ratioOfMedians } from './ratio.js';
import { summarize } from './summary.js';
import { logNormalSample, normalSample } from './testing.js';
import { filesPerSecond, mebibytesPerSecond, megabytesPerSecond, opsPerSecond } from './throughput.js';

describe('mulberry32', () => {
  it('is deterministic per seed, differs across seeds, stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('bootstrapMedianCi', () => {
  const data = normalSample(mulberry32(7), 200, 100, 10);

  it('gives the same interval for the same seed and a different one for another seed', () => {
    const one = bootstrapMedianCi(data, { seed: 11 });
    expect(bootstrapMedianCi(data, { seed: 11 })).toEqual(one);
    expect(bootstrapMedianCi(data, { seed: 12 })).not.toEqual(one);
    expect(one.level).toBe(0.95);
    expect(one.low).toBeLessThan(one.high);
  });

  it('contains the true median of a large normal sample, and narrows as n grows', () => {
    const big = normalSample(mulberry32(99), 5000, 100, 10);
    const ci = bootstrapMedianCi(big, { seed: 3 });
    expect(ci.low).toBeLessThan(100);
    expect(ci.high).toBeGreaterThan(100);
    expect(ci.high - ci.low).toBeLessThan(2);
    const small = bootstrapMedianCi(normalSample(mulberry32(98), 50, 100, 10), { seed: 3 });
    expect(small.high - small.low).toBeGreaterThan(ci.high - ci.low);
  });

  it('covers the true median in roughly 95% of 60 independent seeded samples', () => {
    const rng = mulberry32(2024);
    let covered = 0;
    for (let i = 0; i < 60; i++) {
      const ci = bootstrapMedianCi(normalSample(rng, 80, 50, 5), { seed: i, resamples: 1000 });
      if (ci.low <= 50 && 50 <= ci.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(51); // 85%: far below 95% only if the interval were broken
  });

  it('rejects a silly resample count', () => {
    expect(() => bootstrapMedianCi(data, { resamples: 3 })).toThrow(/resamples/);
  });
});

describe('ratioOfMedians', () => {
  it('finds a 1.5x slowdown with an interval around it, deterministically', () => {
    const rng = mulberry32(5);
    const a = logNormalSample(rng, 100, 10, 0.05);
    const b = logNormalSample(rng, 100, 15, 0.05);
    const r = ratioOfMedians(a, b, { seed: 1 });
    expect(r.ratio).toBeGreaterThan(1.45);
    expect(r.ratio).toBeLessThan(1.55);
    expect(r.ci.low).toBeLessThan(r.ratio);
    expect(r.ci.high).toBeGreaterThan(r.ratio);
    expect(r.ci.low).toBeGreaterThan(1.4);
    expect(ratioOfMedians(a, b, { seed: 1 })).toEqual(r);
  });

  it('needs positive baseline values', () => {
    expect(() => ratioOfMedians([0, 1, 2], [1, 2, 3])).toThrow(/> 0/);
  });
});

describe('summarize', () => {
  it('reports the figures and omits the CI below 6 samples', () => {
    const s = summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { seed: 1 });
    expect(s).toMatchObject({ n: 10, median: 5.5, min: 1, max: 10, mad: 2.5 });
    expect(s.p90).toBeCloseTo(9.1, 12);
    expect(s.ci?.low).toBeLessThanOrEqual(5.5);
    expect(summarize([1, 2, 3]).ci).toBeNull();
  });
});

describe('throughput helpers', () => {
  it('convert counts and milliseconds to rates', () => {
    expect(megabytesPerSecond(5_000_000, 500)).toBe(10);
    expect(mebibytesPerSecond(1_048_576, 1000)).toBe(1);
    expect(filesPerSecond(20_000, 4000)).toBe(5000);
    expect(opsPerSecond(3, 1500)).toBe(2);
    expect(() => opsPerSecond(1, 0)).toThrow(/duration/);
  });
});

describe('resampledMedian', () => {
  it('equals the median of the drawn resample, for odd and even n', async () => {
    const { resampledMedian } = await import('./bootstrap.js');
    const { median } = await import('./describe.js');
    for (const n of [1, 2, 5, 6, 31]) {
      const sorted = Array.from({ length: n }, (_, i) => i * 1.5 + (i % 3));
      sorted.sort((p, q) => p - q);
      for (let seed = 0; seed < 50; seed++) {
        const rng = mulberry32(seed);
        const replay = mulberry32(seed);
        const drawn = Array.from({ length: n }, () => sorted[Math.floor(replay() * n)] as number);
        expect(resampledMedian(sorted, rng, new Uint32Array(n))).toBeCloseTo(median(drawn), 12);
      }
    }
  });
});
