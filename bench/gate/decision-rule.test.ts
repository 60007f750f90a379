import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/prng.js';
import { compare } from './compare.js';
import { gateExitCode } from './report.js';
import { driftFactor, syntheticRun } from './synthetic-runs.js';

const START = 'startup/lifecycle/c1 > start';
const regressed = (r: ReturnType<typeof compare>) =>
  r.comparisons.filter((c) => c.verdict === 'regression').map((c) => c.name);

/** `trials` seeded baseline/current pairs; current has a between-run drift in ±`drift` and `slower` on start. */
function alarmRate(trials: number, drift: number, slower: number, n: number) {
  let alarms = 0;
  let startFlagged = 0;
  for (let t = 0; t < trials; t++) {
    const rng = mulberry32(50_000 + t);
    const a = syntheticRun(rng, { n });
    const b = syntheticRun(rng, { n, hostDrift: driftFactor(rng, drift), startSlower: slower });
    const report = compare(a, b, { seed: t, resamples: 1000 });
    if (gateExitCode(report) === 1) alarms++;
    if (regressed(report).includes(START)) startFlagged++;
  }
  return { alarms, startFlagged };
}

describe('decision rule: significant AND the ratio interval beyond the threshold', () => {
  it('fires on a real +50% shift of one phase, and names only that phase', () => {
    const rng = mulberry32(11);
    const report = compare(syntheticRun(rng), syntheticRun(rng, { startSlower: 1.5 }));
    expect(regressed(report)).toContain(START);
    expect(regressed(report).filter((x) => x.includes(' > ') && x !== START)).toEqual([]);
    const c = report.comparisons.find((x) => x.name === START);
    expect(c?.ratioCi?.low).toBeGreaterThan(1.1);
    expect(c?.reason).toMatch(/with confidence \(95% CI .* > 1\.1\)/);
  });

  it('rarely fires on a +12% shift in wide noise, less often than a point-estimate rule would', () => {
    let pointWouldFire = 0;
    let fired = 0;
    for (let t = 0; t < 100; t++) {
      const rng = mulberry32(7000 + t);
      const a = syntheticRun(rng, { sigma: 0.35 });
      const b = syntheticRun(rng, { sigma: 0.35, startSlower: 1.12 });
      const c = compare(a, b, { seed: t, resamples: 1000 }).comparisons.find((x) => x.name === START);
      if ((c?.ratio ?? 0) > 1.1 && (c?.pAdjusted ?? 1) < 0.05) pointWouldFire++;
      if (c?.verdict === 'regression') fired++;
    }
    expect(fired).toBeLessThanOrEqual(5);
    expect(fired).toBeLessThanOrEqual(pointWouldFire);
  }, 120_000);

  it.each([12, 30])(
    '200 identical pairs (n = %i) with between-run drift of 8 percent: no alarm',
    (n) => {
      expect(alarmRate(200, 0.08, 1, n)).toEqual({ alarms: 0, startFlagged: 0 });
    },
    120_000,
  );

  it('200 pairs (n = 30, the full profile) with the same drift and start +40%: fires in >= 95%', () => {
    const { alarms, startFlagged } = alarmRate(200, 0.08, 1.4, 30);
    expect(startFlagged).toBeGreaterThanOrEqual(190);
    expect(alarms).toBe(startFlagged);
  }, 120_000);
});
