import type { Figure } from '../results/figures.js';
import { median } from '../stats/describe.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { normalizedRatioOfMedians } from '../stats/normalized-ratio.js';
import type { MedianRatio } from '../stats/ratio.js';
import { ratioOfMedians } from '../stats/ratio.js';
import type { Calibration } from './calibration.js';

export interface FigureMeasure {
  /** Raw two-sided Mann-Whitney p (current rescaled by the host drift when normalised). */
  readonly p: number;
  readonly ratio: MedianRatio;
  readonly rawRatio: number;
  readonly normalized: boolean;
}

/**
 * The test statistic and the ratio of one figure. With a reference, the current samples are divided by
 * the host's drift (calibration ratio of medians) before the rank test, and the ratio's interval
 * carries the calibration's own uncertainty (all four samples are resampled).
 */
export function measureFigure(
  a: Figure,
  b: Figure,
  reference: Calibration['reference'],
  o: { seed: number; resamples: number; minSamples: number },
): FigureMeasure {
  const boot = { seed: o.seed, resamples: o.resamples };
  const rawRatio = median(b.samples) / median(a.samples);
  if (!reference) {
    const p = mannWhitneyU(a.samples, b.samples, { minSamples: o.minSamples }).p;
    return { p, ratio: ratioOfMedians(a.samples, b.samples, boot), rawRatio, normalized: false };
  }
  const rescaled = b.samples.map((x) => x / reference.ratio);
  const p = mannWhitneyU(a.samples, rescaled, { minSamples: o.minSamples }).p;
  const ratio = normalizedRatioOfMedians(a.samples, b.samples, reference, boot);
  return { p, ratio, rawRatio, normalized: true };
}
