import { median } from '../stats/describe.js';
import type { MedianRatio } from '../stats/ratio.js';
import { adjustPValues } from './multiple.js';
import { reasonFor } from './reason.js';
import type { Comparison, GateReport } from './types.js';
import { decide } from './verdict.js';

/** A figure measured for the gate: its ratio with interval and its raw p, not yet judged. */
export interface Measured {
  readonly name: string;
  readonly engine: string;
  /** Unit of the figure's values (`ms`, `MiB`); the report formats medians in it. */
  readonly unit?: string;
  readonly baseline: Comparison['baseline'];
  readonly current: Comparison['current'];
  readonly ratio: MedianRatio;
  readonly p: number;
  /** Fields copied onto the comparison (normalisation, pairs). */
  readonly extra?: Partial<Comparison>;
  /** Appended to the reason. */
  readonly note?: string;
}

/** n and median of a figure's values, as a comparison shows each side. */
export const sideOf = (xs: readonly number[]): Comparison['baseline'] => ({
  n: xs.length,
  median: xs.length ? median(xs) : Number.NaN,
});

/** A figure the gate cannot judge, and why (never in the correction family). */
export const insufficient = (
  name: string,
  engine: string,
  a: readonly number[],
  b: readonly number[],
  reason: string,
  unit?: string,
): Comparison => ({
  name,
  engine,
  ...(unit === undefined ? {} : { unit }),
  baseline: sideOf(a),
  current: sideOf(b),
  verdict: 'insufficient-data',
  reason,
});

/**
 * Judges measured figures as one family: p-values adjusted together (Holm by default), then each verdict
 * from its interval and adjusted p (see decide). Already-judged entries (insufficient data) pass through.
 */
export function judge(slots: readonly (Comparison | Measured)[], o: GateReport['options']): Comparison[] {
  const measured = slots.filter((s): s is Measured => !('verdict' in s));
  const adjusted = adjustPValues(
    measured.map((m) => m.p),
    o.correction,
  );
  return slots.map((s): Comparison => {
    const i = measured.indexOf(s as Measured);
    if (i < 0) return s as Comparison;
    const m = s as Measured;
    const pAdjusted = adjusted[i] as number;
    const verdict = decide(m.ratio.ci, pAdjusted, o.threshold, o.alpha);
    return {
      name: m.name,
      engine: m.engine,
      ...(m.unit === undefined ? {} : { unit: m.unit }),
      verdict,
      baseline: m.baseline,
      current: m.current,
      ratio: m.ratio.ratio,
      ratioCi: m.ratio.ci,
      ...m.extra,
      p: m.p,
      pAdjusted,
      reason: reasonFor(verdict, m.ratio.ratio, m.ratio.ci, pAdjusted, o) + (m.note ?? ''),
    };
  });
}
