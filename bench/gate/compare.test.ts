import { describe, expect, it } from 'vitest';
import { FIXED_ENVIRONMENT, type FixtureFigure, fixtureDocument } from '../results/fixture.js';
import { mulberry32, type Prng } from '../stats/prng.js';
import { logNormalSample } from '../stats/testing.js';
import { compare } from './compare.js';
import { formatGateMarkdown, formatGateReport, gateExitCode } from './report.js';

/** A run of three benchmarks on two engines with timing-like noise; `scale` multiplies one figure. */
function run(
  rng: Prng,
  o: { n?: number; sigma?: number; scale?: { key: string; by: number } } = {},
): FixtureFigure[] {
  const n = o.n ?? 30;
  const sigma = o.sigma ?? 0.15;
  const draw = (key: string, base: number) =>
    logNormalSample(rng, n, base * (o.scale?.key === key ? o.scale.by : 1), sigma);
  return ['docker', 'podman'].flatMap((engine) => [
    {
      id: 'lifecycle/run-true',
      engine,
      samples: draw(`lifecycle/run-true [${engine}]`, 320),
      phases: {
        create: draw(`lifecycle/run-true > create [${engine}]`, 60),
        start: draw(`lifecycle/run-true > start [${engine}]`, 180),
      },
    },
    { id: 'image/inspect', engine, samples: draw(`image/inspect [${engine}]`, 4) },
    {
      id: 'extract/small-files/gzip-6',
      engine,
      samples: draw(`extract/small-files/gzip-6 [${engine}]`, 2500),
    },
  ]);
}

describe('compare', () => {
  it('raises no false alarm over 10 independent comparisons of identical distributions', () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = mulberry32(1000 + seed);
      const report = compare(fixtureDocument(run(rng)), fixtureDocument(run(rng)), { seed });
      expect(report.comparisons).toHaveLength(10);
      expect(report.comparisons.filter((c) => c.verdict !== 'no-change')).toEqual([]);
      expect(gateExitCode(report)).toBe(0);
    }
  });

  it('Holm keeps a 40-figure family quiet where uncorrected p-values would false-alarm', () => {
    const rng = mulberry32(77);
    const many = (): FixtureFigure[] =>
      Array.from({ length: 40 }, (_, i) => ({
        id: `f${i}`,
        engine: 'docker',
        samples: logNormalSample(rng, 20, 10, 0.2),
      }));
    const a = fixtureDocument(many());
    const b = fixtureDocument(many());
    const raw = compare(a, b, { threshold: 0, correction: 'none' });
    const holm = compare(a, b, { threshold: 0 });
    expect(raw.comparisons.filter((c) => c.verdict !== 'no-change').length).toBeGreaterThan(0);
    expect(holm.comparisons.filter((c) => c.verdict !== 'no-change')).toEqual([]);
  });

  it('names the one figure that got 50% slower, and by how much', () => {
    const rng = mulberry32(5);
    const key = 'lifecycle/run-true > start [podman]';
    const report = compare(fixtureDocument(run(rng)), fixtureDocument(run(rng, { scale: { key, by: 1.5 } })));
    const bad = report.comparisons.filter((c) => c.verdict === 'regression');
    expect(bad.map((c) => `${c.name} [${c.engine}]`)).toEqual([key]);
    expect(bad[0]?.ratio).toBeGreaterThan(1.3);
    expect(bad[0]?.ratioCi?.low).toBeGreaterThan(1.1);
    expect(
      report.comparisons.filter((c) => c.verdict !== 'regression').every((c) => c.verdict === 'no-change'),
    ).toBe(true);
    const text = formatGateReport(report);
    expect(text).toMatch(/^1 regression\(s\)/);
    expect(text).toMatch(
      /REGRESSION lifecycle\/run-true > start \[podman\]: median \d+ ms -> \d+ ms \(\+\d\d\.\d%/,
    );
    expect(formatGateMarkdown(report).split('\n')[2]).toContain('| regression |');
    expect(gateExitCode(report)).toBe(1);
  });

  it('calls the mirror image an improvement (log-symmetric threshold)', () => {
    const rng = mulberry32(5);
    const key = 'image/inspect [docker]';
    const report = compare(fixtureDocument(run(rng, { scale: { key, by: 1.5 } })), fixtureDocument(run(rng)));
    expect(
      report.comparisons.filter((c) => c.verdict !== 'no-change').map((c) => [c.name, c.verdict]),
    ).toEqual([['image/inspect', 'improvement']]);
    expect(gateExitCode(report)).toBe(0);
  });

  it('a significant +5% shift under a 10% threshold is no-change', () => {
    const rng = mulberry32(9);
    const a = fixtureDocument([{ id: 'x', engine: 'docker', samples: logNormalSample(rng, 200, 100, 0.02) }]);
    const b = fixtureDocument([{ id: 'x', engine: 'docker', samples: logNormalSample(rng, 200, 105, 0.02) }]);
    const [c] = compare(a, b, { threshold: 0.1, alpha: 0.05 }).comparisons;
    expect(c?.pAdjusted).toBeLessThan(1e-6);
    expect(c?.ratio).toBeCloseTo(1.05, 1);
    expect(c?.verdict).toBe('no-change');
    expect(c?.reason).toMatch(/significant .* but not beyond the 10\.0% threshold with confidence/);
    expect(compare(a, b, { threshold: 0.03 }).comparisons[0]?.verdict).toBe('regression');
  });

  it('too few samples is insufficient-data, kept out of the family and the exit code', () => {
    const a = fixtureDocument([{ id: 'x', engine: 'docker', samples: [10, 11, 12, 10] }]);
    const b = fixtureDocument([{ id: 'x', engine: 'docker', samples: [30, 31, 32, 33] }]);
    const report = compare(a, b);
    expect(report.comparisons[0]).toMatchObject({ verdict: 'insufficient-data' });
    expect(report.comparisons[0]?.reason).toMatch(/at least 6 samples per side.*4 and 4/);
    expect(gateExitCode(report)).toBe(0);
    expect(formatGateReport(report)).toMatch(/INSUFFICIENT-DATA x \[docker\]/);
  });

  it('lists figures present on one side only, and notes host differences', () => {
    const rng = mulberry32(3);
    const a = fixtureDocument([{ id: 'old', engine: 'docker', samples: logNormalSample(rng, 10, 5, 0.1) }]);
    const env = {
      ...FIXED_ENVIRONMENT,
      cpu: { model: 'Other CPU', count: 2 },
      engines: { docker: '24.0.0' },
    };
    const b = fixtureDocument(
      [{ id: 'new', engine: 'docker', samples: logNormalSample(rng, 10, 5, 0.1) }],
      env,
    );
    const report = compare(a, b);
    expect(report.onlyInBaseline).toEqual(['old [docker]']);
    expect(report.onlyInCurrent).toEqual(['new [docker]']);
    expect(report.environmentNotes).toEqual([
      'CPU model differs: Test CPU -> Other CPU',
      'docker version differs: 20.10.24 -> 24.0.0',
    ]);
  });

  it('is deterministic for a seed and validates its options', () => {
    const rng = mulberry32(1);
    const a = fixtureDocument(run(rng));
    const b = fixtureDocument(run(rng));
    expect(compare(a, b, { seed: 4 })).toEqual(compare(a, b, { seed: 4 }));
    expect(() => compare(a, b, { alpha: 0 })).toThrow(/alpha/);
    expect(() => compare(a, b, { threshold: -1 })).toThrow(/threshold/);
  });
});

it('flags a figure whose parameters changed between runs', () => {
  const rng = mulberry32(8);
  const a = fixtureDocument([{ id: 'x', engine: 'docker', samples: logNormalSample(rng, 10, 5, 0.1) }]);
  const b = fixtureDocument([{ id: 'x', engine: 'docker', samples: logNormalSample(rng, 10, 5, 0.1) }]);
  (b.benchmarks[0] as { parameters: Record<string, number> }).parameters = { files: 100 };
  expect(compare(a, b).comparisons[0]?.reason).toMatch(/parameters differ: \{\} -> \{"files":100\}/);
});
