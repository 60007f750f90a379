import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import { mulberry32 } from '../stats/prng.js';
import { compare } from './compare.js';
import { compareRelative } from './compare-relative.js';
import { formatGateReport, gateExitCode } from './report.js';
import { driftFactor, syntheticAbRun } from './synthetic-runs.js';

const START = 'startup/lifecycle/c1 > start';
const regressed = (r: ReturnType<typeof compare>) =>
  r.comparisons.filter((c) => c.verdict === 'regression').map((c) => c.name);

describe('compareRelative: a baseline gate on ratios to a reference engine', () => {
  it('200 identical pairs of runs 0.6x–1.4x apart: no alarm, where the raw gate alarms', () => {
    let alarms = 0;
    let raw = 0;
    for (let t = 0; t < 200; t++) {
      const rng = mulberry32(93_000 + t);
      const a = syntheticAbRun(rng, { n: 20, sigma: 0.1, walkStep: 0.05 });
      const b = syntheticAbRun(rng, { n: 20, sigma: 0.1, walkStep: 0.05, hostDrift: driftFactor(rng, 0.4) });
      if (gateExitCode(compareRelative(a, b, 'a', { seed: t, resamples: 200 })) === 1) alarms++;
      if (t < 50 && gateExitCode(compare(a, b, { seed: t, resamples: 200 })) === 1) raw++;
    }
    expect(alarms).toBe(0);
    expect(raw).toBeGreaterThan(10);
  }, 120_000);

  // Two independent runs: less power than A/B in one run (71% at 30 rounds; 83% at 50 here).
  it('fires on +50 ms on start of the candidate in >= 75% of 100 pairs of 50-round runs, naming start', () => {
    let flagged = 0;
    let other = 0;
    for (let t = 0; t < 100; t++) {
      const rng = mulberry32(94_000 + t);
      const a = syntheticAbRun(rng, { n: 50, sigma: 0.07, walkStep: 0.05 });
      const b = syntheticAbRun(rng, { n: 50, sigma: 0.07, walkStep: 0.05, startDelayMs: 50 });
      const names = regressed(compareRelative(a, b, 'a', { seed: t }));
      if (names.includes(START)) flagged++;
      if (names.some((x) => x.includes(' > ') && x !== START)) other++;
    }
    expect(flagged).toBeGreaterThanOrEqual(75);
    expect(other).toBe(0);
  }, 120_000);

  it('judges only the candidate, says relative to what, and shows both runs` ratios', () => {
    const rng = mulberry32(3);
    const a = syntheticAbRun(rng, { n: 30, sigma: 0.05 });
    const b = syntheticAbRun(rng, { n: 30, sigma: 0.05, hostDrift: 2, startDelayMs: 120 });
    const report = compareRelative(a, b, 'a');
    expect(new Set(report.comparisons.map((c) => c.engine))).toEqual(new Set(['b']));
    const start = report.comparisons.find((c) => c.name === START);
    expect(start?.verdict).toBe('regression');
    expect(start?.relative?.to).toBe('a');
    expect(start?.relative?.current).toBeGreaterThan(start?.relative?.baseline ?? Number.NaN);
    expect(start?.reason).toMatch(/relative to a: x[\d.]+ -> x[\d.]+\)/);
    expect(formatGateReport(report)).toMatch(/^Relative to a: /m);
    expect(report.relativeTo).toBe('a');
  });

  it('explains what it cannot judge: no rounds, no reference in a run', () => {
    const plain = fixtureDocument([
      { id: 'x', engine: 'a', samples: [1, 2, 3, 4, 5, 6] },
      { id: 'x', engine: 'b', samples: [1, 2, 3, 4, 5, 6], rounds: [0, 1, 2, 3, 4, 5] },
    ]);
    const [c] = compareRelative(plain, plain, 'a').comparisons;
    expect(c?.verdict).toBe('insufficient-data');
    expect(c?.reason).toMatch(/baseline: \[a\] was not sampled interleaved/);
    expect(() => compareRelative(plain, fixtureDocument([]), 'a')).toThrow(/no figure of it/);
  });

  it('does not judge a figure that only shared rounds with another id of the reference', () => {
    const rounds = Array.from({ length: 12 }, (_, i) => i);
    const doc = (nodeMs: number) => {
      const d = fixtureDocument([
        { id: 'startup/run/c1', engine: 'crun', samples: rounds.map((i) => 30 + (i % 3)), rounds },
        { id: 'startup/run/c1', engine: 'shiprun', samples: rounds.map((i) => 150 + (i % 5)), rounds },
        { id: 'startup/node-start', engine: 'node', samples: rounds.map((i) => nodeMs + (i % 4)), rounds },
      ]);
      const [crun, shiprun, node] = d.benchmarks;
      if (crun && shiprun && node) {
        crun.interleavedWith = ['shiprun', 'startup/node-start [node]'];
        shiprun.interleavedWith = ['crun', 'startup/node-start [node]'];
        node.interleavedWith = ['startup/run/c1 [crun]', 'startup/run/c1 [shiprun]'];
      }
      return d;
    };
    const report = compareRelative(doc(120), doc(180), 'crun');
    expect(report.comparisons.map((c) => `${c.name} [${c.engine}] ${c.verdict}`)).toEqual([
      'startup/run/c1 [shiprun] no-change',
    ]);
  });
});
