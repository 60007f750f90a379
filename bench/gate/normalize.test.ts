import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/prng.js';
import { compare } from './compare.js';
import { formatGateMarkdown, formatGateReport, gateExitCode } from './report.js';
import { driftFactor, syntheticRun } from './synthetic-runs.js';

const START = 'startup/lifecycle/c1 > start';

describe('host-drift normalisation by host/calibration', () => {
  it('a +30% host drift false-alarms raw, is divided out when normalised, and is printed', () => {
    const rng = mulberry32(21);
    const a = syntheticRun(rng, { calibration: true });
    const b = syntheticRun(rng, { calibration: true, hostDrift: 1.3 });
    expect(gateExitCode(compare(a, b, { normalize: 'none' }))).toBe(1);
    const report = compare(a, b, { normalize: 'host' });
    expect(gateExitCode(report)).toBe(0);
    expect(report.calibration).toMatchObject({ applied: true, workload: expect.any(String) });
    expect(report.calibration?.ratio).toBeGreaterThan(1.15);
    expect(report.comparisons.map((c) => c.name)).not.toContain('host/calibration');
    const start = report.comparisons.find((c) => c.name === START);
    expect(start?.normalized).toBe(true);
    expect(start?.rawRatio).toBeGreaterThan(1.15);
    expect(start?.ratio).toBeLessThan(start?.rawRatio ?? 0);
    expect(formatGateReport(report)).toMatch(
      /^Host calibration \(.*\): median [\d.]+ ms -> [\d.]+ ms, ratio 1\.\d+ \(95% CI .*\); every ratio below is divided by it$/m,
    );
    expect(formatGateMarkdown(report)).toContain('Host calibration');
  });

  it('finds a real +50% start regression under a -25% host drift, with normalised and raw change', () => {
    const rng = mulberry32(22);
    const a = syntheticRun(rng, { calibration: true });
    const b = syntheticRun(rng, { calibration: true, hostDrift: 0.75, startSlower: 1.5 });
    const report = compare(a, b, { normalize: 'host' });
    const start = report.comparisons.find((c) => c.name === START);
    expect(start?.verdict).toBe('regression');
    expect(start?.ratio).toBeCloseTo(1.5, 0);
    expect(start?.rawRatio).toBeCloseTo(1.5 * 0.75, 0);
    expect(formatGateReport(report)).toMatch(
      /REGRESSION startup\/lifecycle\/c1 > start \[docker\]: median .* \(\+\d+\.\d% host-normalized; raw [+-]\d+\.\d%/,
    );
  });

  it('200 pairs with run-to-run host drift of ±30%: no alarm where applied, alarms raw; +40% still fires', () => {
    let raw = 0;
    let normalised = 0;
    let whereApplied = 0;
    let caught = 0;
    for (let t = 0; t < 200; t++) {
      const rng = mulberry32(90_000 + t);
      const a = syntheticRun(rng, { calibration: true, hostDrift: driftFactor(rng, 0.3) });
      const b = syntheticRun(rng, { calibration: true, hostDrift: driftFactor(rng, 0.3) });
      const slow = syntheticRun(rng, {
        calibration: true,
        hostDrift: driftFactor(rng, 0.3),
        startSlower: 1.4,
        n: 12,
      });
      const o = { seed: t, resamples: 500 };
      raw += gateExitCode(compare(a, b, { ...o, normalize: 'none' }));
      const r = compare(a, b, { ...o, normalize: 'host' });
      normalised += gateExitCode(r);
      if (r.calibration?.applied) whereApplied += gateExitCode(r);
      const c = compare(a, slow, { ...o, normalize: 'host' }).comparisons.find((x) => x.name === START);
      if (c?.verdict === 'regression') caught++;
    }
    expect(raw).toBeGreaterThan(20);
    // Left over: drifts the calibration could not establish (then raw ratios are judged).
    expect(normalised).toBeLessThan(raw / 5);
    expect(whereApplied).toBe(0);
    expect(caught).toBeGreaterThan(100);
  }, 120_000);

  it('is not applied when the calibration cannot establish a drift, or when one side lacks it', () => {
    const rng = mulberry32(23);
    const a = syntheticRun(rng, { calibration: true, calibrationSigma: 0.6 });
    const b = syntheticRun(rng, { calibration: true, calibrationSigma: 0.6 });
    const quiet = compare(a, b, { normalize: 'host' });
    expect(compare(a, b).calibration).toMatchObject({ applied: false, note: 'normalisation turned off' });
    expect(quiet.calibration).toMatchObject({
      applied: false,
      note: expect.stringMatching(/no host drift established/),
    });
    expect(quiet.comparisons.every((c) => c.normalized === undefined)).toBe(true);
    expect(formatGateReport(quiet)).toMatch(/not applied: no host drift established/);
    const without = compare(syntheticRun(rng), b);
    expect(without.calibration).toBeUndefined();
    expect(without.onlyInCurrent).toEqual(['host/calibration [host]']);
    expect(() => compare(a, b, { normalize: 'x' as 'none' })).toThrow(/normalize/);
  });
});
