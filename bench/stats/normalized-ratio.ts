import { ShipshapeError } from '../../core/errors.js';
import {
  type BootstrapOptions,
  bootstrapSettings,
  percentileInterval,
  resampledMedian,
} from './bootstrap.js';
import { median } from './describe.js';
import type { MedianRatio } from './ratio.js';
import { sortedCopy } from './sorted.js';

/** Baseline and current samples of a reference workload measured alongside the figures. */
export interface ReferencePair {
  readonly baseline: readonly number[];
  readonly current: readonly number[];
}

/**
 * Ratio of medians B/A divided by the reference's ratio of medians (RB/RA): how much slower the figure
 * got beyond what the host as a whole drifted. The seeded percentile bootstrap resamples all four
 * samples independently, so the reference's own uncertainty widens the interval.
 */
export function normalizedRatioOfMedians(
  baseline: readonly number[],
  current: readonly number[],
  reference: ReferencePair,
  options: BootstrapOptions = {},
): MedianRatio {
  const sides = [baseline, current, reference.baseline, reference.current].map((xs, i) =>
    sortedCopy(xs, ['baseline', 'current', 'reference baseline', 'reference current'][i]),
  ) as [number[], number[], number[], number[]];
  const [a, b, ra, rb] = sides;
  if ((a[0] as number) <= 0 || (ra[0] as number) <= 0 || (rb[0] as number) <= 0)
    throw new ShipshapeError('INVALID_INPUT', 'normalized ratio: baseline and reference values must be > 0');
  const { rng, resamples, level } = bootstrapSettings(options);
  const counts = sides.map((s) => new Uint32Array(s.length));
  const draw = (i: number) => resampledMedian(sides[i] as number[], rng, counts[i] as Uint32Array);
  const stats = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = (draw(1) / draw(0)) * (draw(2) / draw(3));
  const ratio = (median(b) / median(a)) * (median(ra) / median(rb));
  return { ratio, ci: percentileInterval(stats, level) };
}
