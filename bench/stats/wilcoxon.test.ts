import { describe, expect, it } from 'vitest';
import { exactSignedRankDistribution, wilcoxonSignedRank } from './wilcoxon.js';

describe('wilcoxonSignedRank', () => {
  it('matches R and scipy on the paired example of R`s wilcox.test help (exact)', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(x.map((v, i) => v - (y[i] as number)));
    expect(r.method).toBe('exact');
    expect(r.v).toBe(40); // R: V = 40; scipy min(r+, r-) = 5
    expect(r.p).toBeCloseTo(0.0390625, 12);
  });

  it('gives 2/2^n when every difference has the same sign', () => {
    const r = wilcoxonSignedRank(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(r.p).toBeCloseTo(2 / 1024, 12);
    expect(wilcoxonSignedRank(Array.from({ length: 10 }, (_, i) => -(i + 1))).p).toBeCloseTo(2 / 1024, 12);
  });

  it('drops zeros and uses the tie-corrected normal approximation with ties (scipy approx, wilcox)', () => {
    const r = wilcoxonSignedRank([1, 2, 2, -3, 3, 3, 4, -1, 5, 6, 0]);
    expect(r).toMatchObject({ method: 'normal', zeros: 1, n: 10, ties: true });
    expect(r.p).toBeCloseTo(0.0459977900113863, 10);
  });

  it('uses the normal approximation from 50 pairs (scipy approx, continuity correction)', () => {
    const d = Array.from({ length: 60 }, (_, k) => ((((k + 1) * 37) % 101) - 45) / 10);
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('normal');
    expect(Math.min(r.v, (r.n * (r.n + 1)) / 2 - r.v)).toBe(709);
    expect(r.p).toBeCloseTo(0.13031245276244266, 10);
  });

  it('has an exact distribution that sums to 1 and is symmetric', () => {
    const dist = exactSignedRankDistribution(12);
    expect(dist.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(dist[0]).toBeCloseTo(dist[78] as number, 15);
    expect(dist[10]).toBeCloseTo(dist[68] as number, 15);
  });

  it('marks fewer than 6 non-zero pairs as insufficient and rejects non-finite input', () => {
    expect(wilcoxonSignedRank([1, 2, 0, 0, 0, 0, 3]).sufficient).toBe(false);
    expect(wilcoxonSignedRank([0, 0]).p).toBe(1);
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow(/non-finite/);
  });
});
