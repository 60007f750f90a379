import { ShipshapeError } from '../../core/errors.js';
import { judgedFigures } from '../results/figures.js';
import type { BenchDocument } from '../results/types.js';
import { pairedRatio } from '../stats/paired-ratio.js';
import { resolveCompareOptions } from './compare.js';
import { insufficient, judge, type Measured, sideOf } from './judge.js';
import { pairByRound } from './pairs.js';
import type { CompareOptions, Comparison, GateReport } from './types.js';

/**
 * The gate inside one interleaved run: every figure of `current` against the same figure of `baseline`,
 * paired round by round. The ratio is the Hodges-Lehmann centre of the per-round log ratios with its
 * signed-rank interval, the test Wilcoxon's signed-rank on them; then the same Holm family and decision rule as
 * `compare`. Drift between runs cannot enter: both engines ran back to back in every round.
 */
export function comparePaired(
  doc: BenchDocument,
  baselineEngine: string,
  currentEngine: string,
  options: CompareOptions = {},
): GateReport {
  const o = resolveCompareOptions({ ...options, normalize: 'none' });
  if (baselineEngine === currentEngine)
    throw new ShipshapeError('INVALID_INPUT', `A/B needs two engines; got ${baselineEngine} twice`);
  const figures = judgedFigures(doc, o);
  const before = new Map(figures.filter((f) => f.engine === baselineEngine).map((f) => [f.name, f]));
  const after = new Map(figures.filter((f) => f.engine === currentEngine).map((f) => [f.name, f]));
  const slots: (Comparison | Measured)[] = [];
  for (const [name, b] of after) {
    const a = before.get(name);
    if (!a) continue;
    const pairs = pairByRound(a, b);
    if (typeof pairs === 'string' || pairs.a.length < o.minSamples) {
      const reason =
        typeof pairs === 'string'
          ? pairs
          : `need at least ${o.minSamples} paired rounds to judge; have ${pairs.a.length}`;
      slots.push(insufficient(name, currentEngine, a.samples, b.samples, reason, b.result.unit));
      continue;
    }
    const r = pairedRatio(pairs.a, pairs.b, { minSamples: o.minSamples });
    slots.push({
      name,
      engine: currentEngine,
      unit: b.result.unit,
      baseline: sideOf(pairs.a),
      current: sideOf(pairs.b),
      ratio: r,
      p: r.test.p,
      extra: { pairs: r.pairs },
      note: ` (paired over ${r.pairs} rounds)`,
    });
  }
  return {
    options: o,
    comparisons: judge(slots, o),
    onlyInBaseline: [...before.keys()].filter((k) => !after.has(k)).map((k) => `${k} [${baselineEngine}]`),
    onlyInCurrent: [...after.keys()].filter((k) => !before.has(k)).map((k) => `${k} [${currentEngine}]`),
    environmentNotes: [],
    paired: { baseline: baselineEngine, current: currentEngine },
  };
}
