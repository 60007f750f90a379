import { describe, expect, it } from 'vitest';
import { mad, mean, median, stddev } from './describe.js';
import { quantile, quantiles } from './quantile.js';

// Expected values: R `quantile(1:10, c(.1,.25,.5,.9,.99))` (type 7) = 1.90 3.25 5.50 9.10 9.91, checked
// with numpy.quantile (method 'linear', the same definition) on Debian 12.
describe('quantile (type 7)', () => {
  const oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  it.each([
    [0.1, 1.9],
    [0.25, 3.25],
    [0.5, 5.5],
    [0.9, 9.1],
    [0.99, 9.91],
    [0, 1],
    [1, 10],
  ])('p=%s of 1..10 is %s', (p, expected) => {
    expect(quantile(oneToTen, p)).toBeCloseTo(expected, 12);
  });

  it('gives min/p50/p90/p99/max together', () => {
    expect(quantiles(oneToTen)).toEqual({
      min: 1,
      p50: 5.5,
      p90: expect.closeTo(9.1, 12),
      p99: expect.closeTo(9.91, 12),
      max: 10,
    });
  });

  it('rejects empty input, NaN and p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(/at least one/);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(/non-finite/);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
  });
});

// v = c(2.1,3.4,1.9,5.6,4.4,2.8,3.3,6.1): R median 3.35, mean 3.7, sd 1.5455003812912596,
// mad(v, constant = 1) 1.15, quantile(v, c(.9,.99)) 5.75 6.065 (numpy/scipy gave the same).
describe('descriptive statistics', () => {
  const v = [2.1, 3.4, 1.9, 5.6, 4.4, 2.8, 3.3, 6.1];
  it('median, mean, sample sd, raw MAD', () => {
    expect(median(v)).toBeCloseTo(3.35, 12);
    expect(mean(v)).toBeCloseTo(3.7, 12);
    expect(stddev(v)).toBeCloseTo(1.5455003812912596, 12);
    expect(mad(v)).toBeCloseTo(1.15, 12);
    expect(quantile(v, 0.9)).toBeCloseTo(5.75, 12);
    expect(quantile(v, 0.99)).toBeCloseTo(6.065, 12);
  });
  it('odd-length median is the middle value; sd of one value is 0', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(stddev([4])).toBe(0);
  });
});
