import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import type { EngineRatio } from './ratios.js';
import { engineRatios } from './ratios.js';
import { verdicts, verdictText } from './verdicts.js';

const doc = fixtureDocument([{ id: 'startup/lifecycle/c1', engine: 'docker', samples: [1, 2, 3] }]);
const r = (ratio: number, low: number, high: number, figure = 'startup/lifecycle/c1'): EngineRatio => ({
  figure,
  engine: 'podman',
  reference: 'docker',
  ratio,
  low,
  high,
  method: 'paired',
  n: 30,
});

describe('bench verdicts', () => {
  it('say slower or faster with the interval the way the sentence reads', () => {
    const [slow, fast] = verdicts(doc, [r(1.72, 1.6, 1.85), r(0.5, 0.4, 0.625)]);
    expect(slow?.line).toBe(
      'startup/lifecycle/c1: podman is 1.72× slower than docker (95% CI 1.6–1.85×, paired, 30 rounds)',
    );
    expect(fast?.line).toBe(
      'startup/lifecycle/c1: podman is 2× faster than docker (95% CI 1.6–2.5×, paired, 30 rounds)',
    );
    expect([slow?.significant, fast?.significant]).toEqual([true, true]);
  });
  it('call no difference when the interval holds 1, and too wide to call when it spans more than 1.5×', () => {
    const [same, wide] = verdicts(doc, [r(1.02, 0.97, 1.08), r(1.3, 0.7, 2.1)]);
    expect(same).toMatchObject({ kind: 'same', significant: false });
    expect(same?.line).toContain('podman and docker: no significant difference (1.02×');
    expect(wide).toMatchObject({ kind: 'too-wide', significant: false });
    expect(wide?.line).toContain('too wide to call (1.3×, 95% CI 0.7–2.1×');
  });
  it('read throughput ratios the other way round (above 1 is faster)', () => {
    const [v] = verdicts(doc, [r(1.5, 1.3, 1.7, 'startup/lifecycle/c8 (throughput)')]);
    expect(v?.line).toContain('podman is 1.5× faster than docker');
  });
  it('come from the ratios of a run: one line each', () => {
    const base = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39];
    const rounds = base.map((_, i) => i);
    const two = fixtureDocument([
      { id: 'startup/lifecycle/c1', engine: 'docker', samples: base, rounds },
      { id: 'startup/lifecycle/c1', engine: 'podman', samples: base.map((x) => x * 2), rounds },
    ]);
    expect(verdictText(verdicts(two, engineRatios(two)))).toBe(
      'Verdicts:\n  startup/lifecycle/c1: podman is 2× slower than docker (95% CI 2–2×, paired, 10 rounds)\n',
    );
    expect(verdictText([])).toBe('');
  });
});
