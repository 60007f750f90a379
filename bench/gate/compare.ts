import { ShipshapeError } from '../../core/errors.js';
import { type Figure, figureKey, judgedFigures } from '../results/figures.js';
import type { BenchDocument } from '../results/types.js';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../stats/bootstrap.js';
import { deriveSeed } from '../stats/prng.js';
import { CALIBRATION_KEY, pairCalibration } from './calibration.js';
import { environmentNotes } from './environment-notes.js';
import { insufficient, judge, type Measured, sideOf } from './judge.js';
import { measureFigure } from './measure-figure.js';
import type { CompareOptions, Comparison, GateReport } from './types.js';

export function resolveCompareOptions(o: CompareOptions) {
  const r = {
    threshold: o.threshold ?? 0.1,
    alpha: o.alpha ?? 0.05,
    correction: o.correction ?? 'holm',
    minSamples: o.minSamples ?? 6,
    phases: o.phases ?? true,
    normalize: o.normalize ?? 'none',
  } as const;
  if (!(r.threshold >= 0 && r.threshold < 10))
    throw new ShipshapeError('INVALID_INPUT', `threshold must be in [0, 10), got ${r.threshold}`);
  if (!(r.alpha > 0 && r.alpha < 1))
    throw new ShipshapeError('INVALID_INPUT', `alpha must be in (0, 1), got ${r.alpha}`);
  if (!(Number.isInteger(r.minSamples) && r.minSamples >= 2))
    throw new ShipshapeError('INVALID_INPUT', 'minSamples must be an integer >= 2');
  if (r.normalize !== 'host' && r.normalize !== 'none')
    throw new ShipshapeError(
      'INVALID_INPUT',
      `normalize must be 'host' or 'none', got ${String(r.normalize)}`,
    );
  return r;
}

/**
 * Judges every figure (benchmark total and, by default, each phase) present in both documents under the
 * same id and engine. Figures with too few samples are `insufficient-data` and stay out of the correction
 * family; the rest are tested together (Holm by default) so that a gate over many figures keeps its
 * family-wise false-alarm rate at alpha. A regression needs significance AND the ratio's whole interval
 * beyond the threshold. `host/calibration` is reported (host drift between the runs), never judged; with
 * `normalize: 'host'` ratios are divided by it when that drift is established.
 */
export function compare(
  baseline: BenchDocument,
  current: BenchDocument,
  options: CompareOptions = {},
): GateReport {
  const o = resolveCompareOptions(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const before = new Map(judgedFigures(baseline, o).map((f) => [figureKey(f), f]));
  const after = new Map(judgedFigures(current, o).map((f) => [figureKey(f), f]));
  const calibration = pairCalibration(before.get(CALIBRATION_KEY), after.get(CALIBRATION_KEY), {
    ...o,
    seed,
    resamples,
  });
  const slots: (Comparison | Measured)[] = [];
  for (const [key, b] of after) {
    const a = before.get(key);
    if (!a || key === CALIBRATION_KEY) continue;
    const few = a.samples.length < o.minSamples || b.samples.length < o.minSamples;
    if (few || Math.min(...a.samples) <= 0) {
      const reason = few
        ? `need at least ${o.minSamples} samples per side to judge; have ${a.samples.length} and ${b.samples.length}`
        : 'baseline has non-positive durations; no ratio';
      slots.push(insufficient(b.name, b.engine, a.samples, b.samples, reason, b.result.unit));
      continue;
    }
    const m = measureFigure(a, b, calibration.reference, {
      seed: deriveSeed(seed, key),
      resamples,
      minSamples: o.minSamples,
    });
    slots.push({
      name: b.name,
      engine: b.engine,
      unit: b.result.unit,
      baseline: sideOf(a.samples),
      current: sideOf(b.samples),
      ratio: m.ratio,
      p: m.p,
      ...(m.normalized ? { extra: { normalized: true, rawRatio: m.rawRatio } } : {}),
      note: parameterNote(a, b),
    });
  }
  const comparisons = judge(slots, o);
  return {
    options: o,
    comparisons,
    onlyInBaseline: [...before.keys()].filter((k) => !after.has(k)),
    onlyInCurrent: [...after.keys()].filter((k) => !before.has(k)),
    environmentNotes: environmentNotes(baseline.environment, current.environment),
    ...(calibration.summary ? { calibration: calibration.summary } : {}),
  };
}

/** Same id but different parameters usually means a renamed or re-parameterised benchmark: say so. */
function parameterNote(a: Figure, b: Figure): string {
  const x = JSON.stringify(a.result.parameters);
  const y = JSON.stringify(b.result.parameters);
  return x === y ? '' : ` (parameters differ: ${x} -> ${y})`;
}
