import { describe, expect, it } from 'vitest';
import { exactUDistribution } from './exact-u.js';
import { mannWhitneyU } from './mann-whitney.js';
import { normalSf } from './normal.js';

// Example from R's ?wilcox.test (two-sample): W = 35; two-sided exact p = 0.2544 (R prints the one-sided
// 0.1272 for alternative = "greater"). scipy.stats.mannwhitneyu 1.17 on Debian: U = 35,
// exact p = 0.2544122544122544, asymptotic (continuity-corrected) p = 0.24462360512698333.
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];

describe('mannWhitneyU', () => {
  it('exact p for a small sample without ties (R / scipy)', () => {
    const r = mannWhitneyU(x, y, { minSamples: 5 });
    expect(r.u).toBe(35);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(0.2544122544122544, 12);
    expect(r.sufficient).toBe(true);
  });

  it('normal approximation with continuity correction (scipy asymptotic)', () => {
    const r = mannWhitneyU(x, y, { method: 'normal' });
    expect(r.p).toBeCloseTo(0.24462360512698333, 10);
  });

  // c, d have ties; scipy.stats.mannwhitneyu(c, d, method='asymptotic') -> U = 26.5, p = 0.04747658558265031.
  it('tie-corrected normal approximation (scipy)', () => {
    const c = [1, 2, 2, 3, 4, 5, 5, 6, 7, 8];
    const d = [3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11];
    const r = mannWhitneyU(c, d);
    expect(r.ties).toBe(true);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(26.5);
    expect(r.p).toBeCloseTo(0.04747658558265031, 10);
  });

  // numpy default_rng(0) normals rounded to 4 places, n = 25 and 30, no ties. scipy: U = 148,
  // asymptotic p = 0.00012890108816258214, exact p = 6.995930084955467e-05.
  const e = [
    10.1257, 9.8679, 10.6404, 10.1049, 9.4643, 10.3616, 11.304, 10.9471, 9.2963, 8.7346, 9.3767, 10.0413,
    7.675, 9.7812, 8.7541, 9.2677, 9.4557, 9.6837, 10.4116, 11.0425, 9.8715, 11.3665, 9.3348, 10.3515,
    10.9035,
  ];
  const f = [
    10.894, 10.0565, 9.8783, 10.3423, 11.0202, 9.7904, 10.5908, 10.6408, 11.3408, 11.0147, 11.1554, 10.1462,
    10.6704, 11.584, 12.2934, 9.5409, 12.3139, 12.1459, 11.5813, 11.0645, 10.4861, 12.258, 12.7603, 12.6016,
    12.1151, 11.1574, 9.5917, 10.7955, 11.4565, 9.5116,
  ];
  it('n > 20 without ties: exact and normal both match scipy', () => {
    expect(mannWhitneyU(e, f).p).toBeCloseTo(6.995930084955467e-5, 14);
    const normal = mannWhitneyU(e, f, { method: 'normal' });
    expect(normal.u).toBe(148);
    expect(normal.p / 0.00012890108816258214).toBeCloseTo(1, 9);
  });

  it('is symmetric in p and complementary in U when the samples swap', () => {
    const ab = mannWhitneyU(x, y);
    const ba = mannWhitneyU(y, x);
    expect(ba.p).toBeCloseTo(ab.p, 14);
    expect(ab.u + ba.u).toBe(x.length * y.length);
  });

  it('refuses to call significance below the minimum sample count, and says so', () => {
    const r = mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]);
    expect(r.p).toBeCloseTo(2 / 70, 12); // the most extreme of C(8,4) = 70 arrangements, both tails
    expect(r.sufficient).toBe(false);
    expect(r.note).toMatch(/at least 6 samples per side.*4 and 4/);
  });

  it('all values equal: p = 1', () => {
    expect(mannWhitneyU([3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3]).p).toBe(1);
  });
});

describe('exact U distribution and the normal tail', () => {
  it('sums to 1 and matches hand counts for m = 2, n = 2 (1,1,2,1,1 of 6 orderings)', () => {
    const d = Array.from(exactUDistribution(2, 2));
    expect(d.map((v) => v * 6)).toEqual([1, 1, 2, 1, 1].map((v) => expect.closeTo(v, 12)));
    const big = exactUDistribution(30, 40);
    expect(big.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  // scipy.stats.norm.sf
  it.each([
    [0.5, 0.3085375387259869],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [5, 2.866515718791933e-7],
    [-1, 0.8413447460685429],
  ])('normalSf(%s) = %s', (z, expected) => {
    expect(normalSf(z) / expected).toBeCloseTo(1, 12);
  });
});
