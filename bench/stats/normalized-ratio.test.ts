import { describe, expect, it } from 'vitest';
import { normalizedRatioOfMedians } from './normalized-ratio.js';
import { mulberry32 } from './prng.js';
import { ratioOfMedians } from './ratio.js';
import { logNormalSample } from './testing.js';

describe('normalizedRatioOfMedians', () => {
  const rng = mulberry32(31);
  const a = logNormalSample(rng, 20, 100, 0.1);
  const b = logNormalSample(rng, 20, 130, 0.1);
  const ra = logNormalSample(rng, 20, 10, 0.1);
  const rb = logNormalSample(rng, 20, 13, 0.1);

  it('divides the ratio by the reference ratio; deterministic per seed', () => {
    const raw = ratioOfMedians(a, b).ratio;
    const ref = ratioOfMedians(ra, rb).ratio;
    const n = normalizedRatioOfMedians(a, b, { baseline: ra, current: rb }, { seed: 4 });
    expect(n.ratio).toBeCloseTo(raw / ref, 12);
    expect(n.ci.low).toBeLessThan(1);
    expect(n.ci.high).toBeGreaterThan(1);
    expect(normalizedRatioOfMedians(a, b, { baseline: ra, current: rb }, { seed: 4 })).toEqual(n);
  });

  it("carries the reference's uncertainty: its interval is wider than the plain one", () => {
    const plain = ratioOfMedians(a, b, { seed: 4 }).ci;
    const n = normalizedRatioOfMedians(a, b, { baseline: ra, current: rb }, { seed: 4 }).ci;
    expect(n.high / n.low).toBeGreaterThan(plain.high / plain.low);
  });

  it('rejects non-positive reference times', () => {
    expect(() => normalizedRatioOfMedians(a, b, { baseline: [0, ...ra], current: rb })).toThrow(/> 0/);
  });
});
