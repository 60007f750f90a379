import { ShipshapeError } from '../../core/errors.js';
import { type Figure, figureKey, judgedFigures } from '../results/figures.js';
import type { BenchDocument } from '../results/types.js';
import { median } from '../stats/describe.js';
import { hodgesLehmannShift } from '../stats/hodges-lehmann.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { resolveCompareOptions } from './compare.js';
import { insufficient, judge, type Measured, sideOf } from './judge.js';
import { pairByRound } from './pairs.js';
import type { CompareOptions, Comparison, GateReport } from './types.js';

/** log(engine / reference) per round of one interleaved run, or why there is none. */
function logRatios(ref: Figure | undefined, f: Figure, reference: string): number[] | string {
  if (!ref) return `no ${reference} figure to relate it to`;
  const pairs = pairByRound(ref, f);
  if (typeof pairs === 'string') return pairs;
  return pairs.b.map((b, i) => Math.log(b / (pairs.a[i] as number)));
}

/**
 * The baseline gate in ratios: each run measured every engine interleaved with `reference`, so each
 * figure becomes per-round ratios engine/reference, free of the host drift both shared. The gate
 * compares those ratios between the runs: ratio of ratios = exp of the Hodges-Lehmann shift of the
 * log ratios (interval from the rank-sum distribution), p from Mann-Whitney on them, then the same
 * Holm family and decision rule as `compare`. A reference that changed between runs shows up as
 * every engine moving together.
 */
export function compareRelative(
  baseline: BenchDocument,
  current: BenchDocument,
  reference: string,
  options: CompareOptions = {},
): GateReport {
  const o = resolveCompareOptions({ ...options, normalize: 'none' });
  const index = (doc: BenchDocument) => new Map(judgedFigures(doc, o).map((f) => [figureKey(f), f]));
  const before = index(baseline);
  const after = index(current);
  if (![...after.values()].some((f) => f.engine === reference))
    throw new ShipshapeError(
      'ENVIRONMENT',
      `--relative-to ${reference}: the current run has no figure of it`,
    );
  const slots: (Comparison | Measured)[] = [];
  // A figure that only shared rounds with another id (startup/node-start, in process) is not judged:
  // its ratio to an unrelated figure does not cancel the host's drift, and it false-alarmed here.
  const sharedOnly = (f: Figure) => {
    const w = f.result.interleavedWith ?? [];
    return !w.includes(reference) && w.some((x) => x.endsWith(` [${reference}]`));
  };
  const judged = (f: Figure) => f.engine !== reference && f.rounds !== undefined && !sharedOnly(f);
  for (const [key, b] of after) {
    const a = before.get(key);
    if (!a || !judged(b)) continue;
    const la = logRatios(before.get(figureKey({ name: a.name, engine: reference })), a, reference);
    const lb = logRatios(after.get(figureKey({ name: b.name, engine: reference })), b, reference);
    const few = (x: number[] | string) => typeof x !== 'string' && x.length < o.minSamples;
    if (typeof la === 'string' || typeof lb === 'string' || few(la) || few(lb)) {
      const reason =
        typeof la === 'string'
          ? `baseline: ${la}`
          : typeof lb === 'string'
            ? `current: ${lb}`
            : `need at least ${o.minSamples} rounds with ${reference} per run; have ${la.length} and ${lb.length}`;
      slots.push(insufficient(b.name, b.engine, a.samples, b.samples, reason, b.result.unit));
      continue;
    }
    const shift = hodgesLehmannShift(la, lb);
    const rel = { to: reference, baseline: Math.exp(median(la)), current: Math.exp(median(lb)) };
    slots.push({
      name: b.name,
      engine: b.engine,
      unit: b.result.unit,
      baseline: sideOf(a.samples),
      current: sideOf(b.samples),
      ratio: {
        ratio: Math.exp(shift.estimate),
        ci: { level: shift.ci.level, low: Math.exp(shift.ci.low), high: Math.exp(shift.ci.high) },
      },
      p: mannWhitneyU(la, lb, { minSamples: o.minSamples }).p,
      extra: { relative: rel },
      note: ` (relative to ${reference}: x${rel.baseline.toPrecision(3)} -> x${rel.current.toPrecision(3)})`,
    });
  }
  const judgedKeys = (m: Map<string, Figure>) => [...m].filter(([, f]) => judged(f)).map(([k]) => k);
  return {
    options: o,
    comparisons: judge(slots, o),
    onlyInBaseline: judgedKeys(before).filter((k) => !after.has(k)),
    onlyInCurrent: judgedKeys(after).filter((k) => !before.has(k)),
    environmentNotes: [],
    relativeTo: reference,
  };
}
