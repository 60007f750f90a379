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
  const ci = (low: number, high: number) => ({ low, high });
  it.each([
    [ci(1.3, 1.7), 0.001, 'regression'],
    [ci(1.3, 1.7), 0.2, 'no-change'], // beyond the threshold but not significant
    [ci(1.05, 1.6), 0.001, 'no-change'], // point estimate past 10%, interval reaches below it
    [ci(1.1, 1.4), 0.001, 'no-change'], // exactly at the threshold is not beyond it
    [ci(0.5, 0.85), 0.001, 'improvement'],
    [ci(0.85, 0.95), 0.001, 'no-change'], // 1/1.1 = 0.909: not all of it beyond the mirrored threshold
  ])('ratio CI %o with adjusted p %s -> %s', (interval, p, verdict) => {
    expect(decide(interval, p, 0.1, 0.05)).toBe(verdict);
  });
});
