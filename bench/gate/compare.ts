import { ShipshapeError } from '../../harness/errors.js';
import { type Figure, figureKey, figuresOf } from '../results/figures.js';
import { formatPercent, sig } from '../results/format.js';
import type { BenchDocument } from '../results/types.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../stats/bootstrap.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { deriveSeed } from '../stats/prng.js';
import { ratioOfMedians } from '../stats/ratio.js';
import { environmentNotes } from './environment-notes.js';
import { adjustPValues } from './multiple.js';
import type { CompareOptions, Comparison, GateReport } from './types.js';
import { decide } from './verdict.js';

function resolve(o: CompareOptions) {
  const r = {
    threshold: o.threshold ?? 0.1,
    alpha: o.alpha ?? 0.05,
    correction: o.correction ?? 'holm',
    minSamples: o.minSamples ?? 6,
    phases: o.phases ?? true,
  } as const;
  if (!(r.threshold >= 0 && r.threshold < 10))
    throw new ShipshapeError('INVALID_INPUT', `threshold must be in [0, 10), got ${r.threshold}`);
  if (!(r.alpha > 0 && r.alpha < 1))
    throw new ShipshapeError('INVALID_INPUT', `alpha must be in (0, 1), got ${r.alpha}`);
  if (!(Number.isInteger(r.minSamples) && r.minSamples >= 2))
    throw new ShipshapeError('INVALID_INPUT', 'minSamples must be an integer >= 2');
  return r;
}

const side = (f: Figure) => ({ n: f.summary.n, median: f.summary.median });

/**
 * Judges every figure (benchmark total and, by default, each phase) present in both documents under the
 * same id and engine. Figures with too few samples are `insufficient-data` and stay out of the correction
 * family; the rest are tested together (Holm by default) so that a gate over many figures keeps its
 * family-wise false-alarm rate at alpha.
 */
export function compare(
  baseline: BenchDocument,
  current: BenchDocument,
  options: CompareOptions = {},
): GateReport {
  const o = resolve(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const before = new Map(figuresOf(baseline, o).map((f) => [figureKey(f), f]));
  const after = new Map(figuresOf(current, o).map((f) => [figureKey(f), f]));
  const judged: { key: string; a: Figure; b: Figure; p: number; ratio: ReturnType<typeof ratioOfMedians> }[] =
    [];
  const slots: (Comparison | number)[] = [];
  for (const [key, b] of after) {
    const a = before.get(key);
    if (!a) continue;
    const base = { name: b.name, engine: b.engine, baseline: side(a), current: side(b) };
    const few = a.samples.length < o.minSamples || b.samples.length < o.minSamples;
    if (few || Math.min(...a.samples) <= 0) {
      const reason = few
        ? `need at least ${o.minSamples} samples per side to judge; have ${a.samples.length} and ${b.samples.length}`
        : 'baseline has non-positive durations; no ratio';
      slots.push({ ...base, verdict: 'insufficient-data', reason });
      continue;
    }
    const p = mannWhitneyU(a.samples, b.samples, { minSamples: o.minSamples }).p;
    const ratio = ratioOfMedians(a.samples, b.samples, { seed: deriveSeed(seed, key), resamples });
    slots.push(judged.length);
    judged.push({ key, a, b, p, ratio });
  }
  const adjusted = adjustPValues(
    judged.map((j) => j.p),
    o.correction,
  );
  const comparisons = slots.map((slot): Comparison => {
    if (typeof slot !== 'number') return slot;
    const { a, b, p, ratio } = judged[slot] as (typeof judged)[number];
    const pAdjusted = adjusted[slot] as number;
    const verdict = decide(ratio.ratio, pAdjusted, o.threshold, o.alpha);
    return {
      name: b.name,
      engine: b.engine,
      verdict,
      baseline: side(a),
      current: side(b),
      ratio: ratio.ratio,
      ratioCi: ratio.ci,
      p,
      pAdjusted,
      reason: reasonFor(verdict, ratio.ratio, pAdjusted, o) + parameterNote(a, b),
    };
  });
  return {
    options: o,
    comparisons,
    onlyInBaseline: [...before.keys()].filter((k) => !after.has(k)),
    onlyInCurrent: [...after.keys()].filter((k) => !before.has(k)),
    environmentNotes: environmentNotes(baseline.environment, current.environment),
  };
}

/** Same id but different parameters usually means a renamed or re-parameterised benchmark: say so. */
function parameterNote(a: Figure, b: Figure): string {
  const x = JSON.stringify(a.result.parameters);
  const y = JSON.stringify(b.result.parameters);
  return x === y ? '' : ` (parameters differ: ${x} -> ${y})`;
}

function reasonFor(verdict: string, ratio: number, pAdj: number, o: ReturnType<typeof resolve>): string {
  const change = formatPercent(ratio - 1);
  const sigText = `p${o.correction === 'none' ? '' : ` (${o.correction})`} = ${sig(pAdj)}`;
  const beyond = `beyond the ${formatPercent(o.threshold).slice(1)} threshold`;
  if (verdict === 'regression') return `slower ${beyond} and significant (${sigText} < ${o.alpha})`;
  if (verdict === 'improvement') return `faster ${beyond} and significant (${sigText} < ${o.alpha})`;
  if (pAdj < o.alpha)
    return `${change} is significant (${sigText}) but within the ${formatPercent(o.threshold).slice(1)} threshold`;
  return `${change}, not significant (${sigText} >= ${o.alpha})`;
}
