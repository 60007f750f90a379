import { describe, expect, it } from 'vitest';
import { adjustPValues } from './multiple.js';
import { decide } from './verdict.js';

describe('adjustPValues', () => {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02; "bonferroni" -> 0.04 0.16 0.12 0.02
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Holm step-down, monotone, in input order', () => {
    expect(adjustPValues(p)).toEqual([0.03, 0.06, 0.06, 0.02].map((v) => expect.closeTo(v, 12)));
  });
  it('Bonferroni and none', () => {
    expect(adjustPValues(p, 'bonferroni')).toEqual(
      [0.04, 0.16, 0.12, 0.02].map((v) => expect.closeTo(v, 12)),
    );
    expect(adjustPValues(p, 'none')).toEqual(p);
    expect(adjustPValues([0.5, 0.9], 'bonferroni')).toEqual([1, 1]);
  });
  it('rejects values outside [0, 1]', () => {
    expect(() => adjustPValues([1.2])).toThrow(/out of/);
  });
});

describe('decide', () => {
  it.each([
    [1.5, 0.001, 'regression'],
    [1.5, 0.2, 'no-change'],
    [1.05, 0.001, 'no-change'],
    [1 / 1.5, 0.001, 'improvement'],
    [0.92, 0.001, 'no-change'], // 1/1.1 = 0.909: an 8% speed-up is inside the mirrored threshold
    [1.1, 0.001, 'no-change'], // exactly at the threshold is not beyond it
  ])('ratio %s with adjusted p %s -> %s', (ratio, p, verdict) => {
    expect(decide(ratio, p, 0.1, 0.05)).toBe(verdict);
  });
});
