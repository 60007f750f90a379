import { ShipshapeError } from '../../harness/errors.js';
import { figuresOf } from '../results/figures.js';
import type { BenchDocument } from '../results/types.js';
import { median } from '../stats/describe.js';
import { pairedRatio } from '../stats/paired-ratio.js';
import { resolveCompareOptions } from './compare.js';
import { judge, type Measured } from './judge.js';
import { pairByRound } from './pairs.js';
import type { CompareOptions, Comparison, GateReport } from './types.js';

const side = (xs: readonly number[]) => ({ n: xs.length, median: xs.length ? median(xs) : Number.NaN });

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
  const figures = figuresOf(doc, o);
  const before = new Map(figures.filter((f) => f.engine === baselineEngine).map((f) => [f.name, f]));
  const after = new Map(figures.filter((f) => f.engine === currentEngine).map((f) => [f.name, f]));
  const slots: (Comparison | Measured)[] = [];
  for (const [name, b] of after) {
    const a = before.get(name);
    if (!a) continue;
    const pairs = pairByRound(a, b);
    const few = typeof pairs !== 'string' && pairs.a.length < o.minSamples;
    if (typeof pairs === 'string' || few || [...pairs.a, ...pairs.b].some((x) => !(x > 0))) {
      const reason =
        typeof pairs === 'string'
          ? pairs
          : few
            ? `need at least ${o.minSamples} paired rounds to judge; have ${pairs.a.length}`
            : 'non-positive durations; no ratio';
      const verdict = 'insufficient-data' as const;
      slots.push({
        name,
        engine: currentEngine,
        baseline: side(a.samples),
        current: side(b.samples),
        verdict,
        reason,
      });
      continue;
    }
    const r = pairedRatio(pairs.a, pairs.b, { minSamples: o.minSamples });
    slots.push({
      name,
      engine: currentEngine,
      baseline: side(pairs.a),
      current: side(pairs.b),
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
