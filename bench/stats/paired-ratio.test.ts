import { describe, expect, it } from 'vitest';
import { pairedRatio } from './paired-ratio.js';

describe('pairedRatio', () => {
  it('is a per-pair ratio; a factor both sides of a pair share cancels', () => {
    const host = [1, 3, 0.5, 2, 1.5, 0.8, 1.1, 2.5];
    const a = host.map((h) => 100 * h);
    const b = host.map((h, i) => 100 * h * (1.2 + 0.01 * i));
    const r = pairedRatio(a, b);
    expect(r.ratio).toBeGreaterThan(1.2);
    expect(r.ratio).toBeLessThan(1.27);
    expect(r.ci.low).toBeGreaterThanOrEqual(1.2 - 1e-12);
    expect(r.ci.high).toBeLessThanOrEqual(1.27 + 1e-12);
    expect(r.test.p).toBeCloseTo(2 / 256, 12);
    expect(r.pairs).toBe(8);
  });

  it('rejects unequal lengths and non-positive values', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/equally many/);
    expect(() => pairedRatio([1, 0], [1, 1])).toThrow(/positive/);
  });
});
