import { describe, expect, it } from 'vitest';
import { hodgesLehmann, hodgesLehmannShift, normalUpperQuantile } from './hodges-lehmann.js';

describe('hodgesLehmann', () => {
  it('matches R (wilcox.test paired, conf.int) on its help example: 0.46, 95% CI 0.01–0.786', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = hodgesLehmann(x.map((v, i) => v - (y[i] as number)));
    expect(r.estimate).toBeCloseTo(0.46, 10);
    expect(r.ci.low).toBeCloseTo(0.01, 10);
    expect(r.ci.high).toBeCloseTo(0.786, 10);
  });

  it('is the median of Walsh averages, and shifts with the data', () => {
    expect(hodgesLehmann([1, 2, 3]).estimate).toBe(2);
    expect(hodgesLehmann([1, 2, 3, 4, 100]).estimate).toBe(3); // 8th of 15 Walsh averages; the mean is 22
    const d = Array.from({ length: 20 }, (_, i) => Math.sin(i) * 3);
    const a = hodgesLehmann(d);
    const b = hodgesLehmann(d.map((x) => x + 5));
    expect(b.estimate).toBeCloseTo(a.estimate + 5, 10);
    expect(b.ci.low).toBeCloseTo(a.ci.low + 5, 10);
  });

  it('covers the centre about 95% of the time (symmetric noise, 400 seeded sets of 15)', () => {
    let covered = 0;
    let s = 12345;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    for (let t = 0; t < 400; t++) {
      const d = Array.from({ length: 15 }, () => rnd() - 0.5 + 0.2);
      const { ci } = hodgesLehmann(d);
      if (ci.low <= 0.2 && 0.2 <= ci.high) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.99);
  });

  it('uses the normal approximation above 300 values', () => {
    expect(normalUpperQuantile(0.025)).toBeCloseTo(1.9599639845400545, 9);
    const d = Array.from({ length: 400 }, (_, i) => ((i * 37) % 101) / 100);
    const r = hodgesLehmann(d);
    expect(r.ci.low).toBeLessThan(r.estimate);
    expect(r.ci.high).toBeGreaterThan(r.estimate);
  });
});

describe('hodgesLehmannShift', () => {
  it('matches the inverted exact rank-sum test on R`s two-sample example: -0.305, 95% CI -0.76–0.15', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = hodgesLehmannShift(x, y);
    expect(r.estimate).toBeCloseTo(-0.305, 10);
    expect(r.ci.low).toBeCloseTo(-0.76, 10);
    expect(r.ci.high).toBeCloseTo(0.15, 10);
  });

  it('moves with a shift of y and is antisymmetric', () => {
    const x = Array.from({ length: 12 }, (_, i) => Math.sin(i * 1.3));
    const y = Array.from({ length: 9 }, (_, i) => Math.cos(i * 0.7));
    const a = hodgesLehmannShift(x, y);
    const b = hodgesLehmannShift(
      x,
      y.map((v) => v + 2),
    );
    expect(b.estimate).toBeCloseTo(a.estimate + 2, 10);
    expect(b.ci.high).toBeCloseTo(a.ci.high + 2, 10);
    expect(hodgesLehmannShift(y, x).estimate).toBeCloseTo(-a.estimate, 10);
  });
});
