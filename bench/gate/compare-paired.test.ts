import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import { mulberry32 } from '../stats/prng.js';
import { compare } from './compare.js';
import { comparePaired } from './compare-paired.js';
import { formatGateReport, gateExitCode } from './report.js';
import { syntheticAbRun, syntheticRun } from './synthetic-runs.js';

const START = 'startup/lifecycle/c1 > start';
const regressed = (r: ReturnType<typeof compare>) =>
  r.comparisons.filter((c) => c.verdict === 'regression').map((c) => c.name);

describe('comparePaired: the A/B gate inside one interleaved run', () => {
  it('200 identical A/B runs under a strong host random walk: no alarm', () => {
    let alarms = 0;
    for (let t = 0; t < 200; t++) {
      const doc = syntheticAbRun(mulberry32(90_000 + t), { n: 12, walkStep: 0.15 });
      if (gateExitCode(comparePaired(doc, 'a', 'b', { seed: t, resamples: 500 })) === 1) alarms++;
    }
    expect(alarms).toBe(0);
  }, 120_000);

  it('the same drift between two separate runs false-alarms the unpaired gate', () => {
    let alarms = 0;
    for (let t = 0; t < 50; t++) {
      const rng = mulberry32(91_000 + t);
      const a = syntheticRun(rng, { hostDrift: 1 });
      const b = syntheticRun(rng, { hostDrift: 1.35 });
      if (gateExitCode(compare(a, b, { seed: t, resamples: 500 })) === 1) alarms++;
    }
    expect(alarms).toBeGreaterThan(25);
  }, 120_000);

  // sigma 0.07 per sample, as measured: per-round log ratios of docker start spread 0.08-0.11 in gate-check.
  it('fires on +50 ms on start (a delaying proxy), naming start, in >= 85% of 100 runs of 30 rounds', () => {
    let flagged = 0;
    let other = 0;
    for (let t = 0; t < 100; t++) {
      const doc = syntheticAbRun(mulberry32(92_000 + t), {
        n: 30,
        sigma: 0.07,
        walkStep: 0.05,
        startDelayMs: 50,
      });
      const names = regressed(comparePaired(doc, 'a', 'b', { seed: t, resamples: 500 }));
      if (names.includes(START)) flagged++;
      if (names.some((x) => x.includes(' > ') && x !== START)) other++;
    }
    expect(flagged).toBeGreaterThanOrEqual(85);
    expect(other).toBe(0);
  }, 120_000);

  it('says it is paired and over how many rounds', () => {
    const doc = syntheticAbRun(mulberry32(5), { n: 30, startDelayMs: 100 });
    const report = comparePaired(doc, 'a', 'b');
    expect(report.paired).toEqual({ baseline: 'a', current: 'b' });
    const start = report.comparisons.find((c) => c.name === START);
    expect(start).toMatchObject({ verdict: 'regression', pairs: 30, engine: 'b' });
    expect(start?.reason).toMatch(/paired over 30 rounds/);
    expect(formatGateReport(report)).toMatch(/A\/B in one interleaved run: b against a/);
  });

  it('will not judge figures that were not interleaved, and needs two engines', () => {
    const doc = fixtureDocument([
      { id: 'x', engine: 'a', samples: [1, 2, 3, 4, 5, 6, 7] },
      { id: 'x', engine: 'b', samples: [1, 2, 3, 4, 5, 6, 7] },
    ]);
    const [c] = comparePaired(doc, 'a', 'b').comparisons;
    expect(c?.verdict).toBe('insufficient-data');
    expect(c?.reason).toMatch(/not sampled interleaved.*--interleave/);
    expect(() => comparePaired(doc, 'a', 'a')).toThrow(/two engines/);
  });

  it('pairs by round, not by position, and needs minSamples common rounds', () => {
    const doc = fixtureDocument([
      { id: 'x', engine: 'a', samples: [10, 10, 10, 10, 10, 10], rounds: [0, 1, 2, 3, 4, 5] },
      { id: 'x', engine: 'b', samples: [20, 20, 20, 20, 20], rounds: [1, 2, 3, 4, 5] },
    ]);
    const [c] = comparePaired(doc, 'a', 'b').comparisons;
    expect(c?.verdict).toBe('insufficient-data');
    expect(c?.reason).toMatch(/need at least 6 paired rounds to judge; have 5/);
  });
});
