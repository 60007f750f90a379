import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import { engineRatios, ratiosMarkdown } from './ratios.js';

const base = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39];
const rounds = base.map((_, i) => i);

describe('engine ratios', () => {
  it('pairs interleaved figures round by round, against the first engine by default', () => {
    const doc = fixtureDocument([
      { id: 'startup/lifecycle/c1', engine: 'shipd', samples: base, rounds },
      // Each round 10x shipd's, whatever the round's drift: the paired ratio is exactly 10.
      { id: 'startup/lifecycle/c1', engine: 'docker', samples: base.map((x) => x * 10), rounds },
    ]);
    const [r, ...rest] = engineRatios(doc);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      figure: 'startup/lifecycle/c1',
      engine: 'docker',
      reference: 'shipd',
      method: 'paired',
      n: 10,
    });
    expect(r?.ratio).toBeCloseTo(10);
    expect(r?.low).toBeCloseTo(10);
    expect(ratiosMarkdown(engineRatios(doc))).toMatch(
      /docker \/ shipd \| 10x \| 10x – 10x \| paired, 10 rounds/,
    );
  });
  it('under concurrency, also rates throughput per round (K over the round makespan), paired', () => {
    const rounds4 = Array.from({ length: 24 }, (_, i) => Math.floor(i / 4));
    const shipd = rounds4.map((r, i) => 100 + r + (i % 4) * 10); // makespan 130 + r
    const docker = rounds4.map((r, i) => 400 + 4 * r + (i % 4) * 40); // makespan 4 x shipd's
    const doc = fixtureDocument([
      { id: 'startup/lifecycle/c4', engine: 'shipd', samples: shipd, rounds: rounds4 },
      { id: 'startup/lifecycle/c4', engine: 'docker', samples: docker, rounds: rounds4 },
    ]);
    doc.benchmarks.forEach((b) => {
      b.concurrency = 4;
    });
    const rate = engineRatios(doc).find((r) => r.figure === 'startup/lifecycle/c4 (throughput)');
    expect(rate).toMatchObject({ engine: 'docker', method: 'paired', n: 6 });
    expect(rate?.ratio).toBeCloseTo(0.25);
  });

  it('takes a bootstrap ratio of medians where there are no rounds, and skips figures with too few values', () => {
    const doc = fixtureDocument([
      { id: 'memory/daemon/idle', engine: 'shipd', samples: base },
      { id: 'memory/daemon/idle', engine: 'docker', samples: base.map((x) => x * 2) },
      { id: 'few', engine: 'shipd', samples: [1, 2, 3] },
      { id: 'few', engine: 'docker', samples: [1, 2, 3] },
    ]);
    const ratios = engineRatios(doc, 'shipd');
    expect(ratios.map((r) => r.figure)).toEqual(['memory/daemon/idle']);
    expect(ratios[0]).toMatchObject({ method: 'bootstrap', ratio: 2 });
    expect(ratios[0]?.low).toBeLessThanOrEqual(2);
    expect(ratios[0]?.high).toBeGreaterThanOrEqual(2);
    expect(engineRatios(doc, 'docker')[0]?.ratio).toBe(0.5);
    expect(ratiosMarkdown([])).toBe('');
  });
});
