import { type Figure, figureKey } from '../results/figures.js';
import { HOST_CALIBRATION_ID, HOST_ENGINE } from '../runner/calibration.js';
import type { Interval } from '../stats/bootstrap.js';
import { median } from '../stats/describe.js';
import type { ReferencePair } from '../stats/normalized-ratio.js';
import { deriveSeed } from '../stats/prng.js';
import { ratioOfMedians } from '../stats/ratio.js';

export const CALIBRATION_KEY = figureKey({ name: HOST_CALIBRATION_ID, engine: HOST_ENGINE });

export type Normalize = 'host' | 'none';

/** The host reference workload in both runs: how much the host itself drifted between them. */
export interface CalibrationSummary {
  readonly workload: string;
  readonly baseline: { readonly n: number; readonly median: number };
  readonly current: { readonly n: number; readonly median: number };
  /** median(current) / median(baseline) of the reference workload, with its bootstrap interval. */
  readonly ratio: number;
  readonly ratioCi: Interval;
  /** True when every figure's ratio was divided by `ratio` (and its p-value taken on rescaled samples). */
  readonly applied: boolean;
  /** Why not applied, when it was not. */
  readonly note?: string;
}

export interface Calibration {
  readonly summary?: CalibrationSummary;
  /** Set when figures are to be normalised. */
  readonly reference?: ReferencePair & { readonly ratio: number };
}

/**
 * Pairs the `host/calibration` figures of two runs. Normalisation applies when asked (`host`), both
 * sides have at least `minSamples` values, and the host drift is itself established (the calibration
 * ratio's interval excludes 1). A calibration that cannot tell its own runs apart would only add its
 * noise to every figure and blind the gate; the summary then says why it was not applied.
 */
export function pairCalibration(
  a: Figure | undefined,
  b: Figure | undefined,
  o: { normalize: Normalize; minSamples: number; seed: number; resamples: number },
): Calibration {
  if (!a || !b) return {};
  const side = (f: Figure) => ({ n: f.samples.length, median: median(f.samples) });
  const workload = String(b.result.parameters.workload ?? 'host reference workload');
  const few = a.samples.length < o.minSamples || b.samples.length < o.minSamples;
  if (few || Math.min(...a.samples, ...b.samples) <= 0) {
    const note = few ? `fewer than ${o.minSamples} calibration samples per side` : 'non-positive times';
    const r = median(b.samples) / median(a.samples);
    const ci = { level: 0.95, low: Number.NaN, high: Number.NaN };
    return {
      summary: { workload, baseline: side(a), current: side(b), ratio: r, ratioCi: ci, applied: false, note },
    };
  }
  const { ratio, ci } = ratioOfMedians(a.samples, b.samples, {
    seed: deriveSeed(o.seed, CALIBRATION_KEY),
    resamples: o.resamples,
  });
  const established = ci.low > 1 || ci.high < 1;
  const applied = o.normalize === 'host' && established;
  const note =
    o.normalize !== 'host'
      ? 'normalisation turned off'
      : `no host drift established (CI contains 1); raw ratios judged`;
  const summary: CalibrationSummary = {
    workload,
    baseline: side(a),
    current: side(b),
    ratio,
    ratioCi: ci,
    applied,
    ...(applied ? {} : { note }),
  };
  return applied ? { summary, reference: { baseline: a.samples, current: b.samples, ratio } } : { summary };
}
