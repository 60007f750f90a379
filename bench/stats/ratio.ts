import { ShipshapeError } from '../../core/errors.js';
import {
  type BootstrapOptions,
  bootstrapSettings,
  type Interval,
  percentileInterval,
  resampledMedian,
} from './bootstrap.js';
import { median } from './describe.js';
import { sortedCopy } from './sorted.js';

export interface MedianRatio {
  /** median(current) / median(baseline): above 1 means current is larger (slower, for times). */
  readonly ratio: number;
  /** Percentile-bootstrap interval of the ratio, each side resampled independently. */
  readonly ci: Interval;
}

/** Ratio of medians B/A with a seeded bootstrap interval. Baseline values must all be positive. */
export function ratioOfMedians(
  baseline: readonly number[],
  current: readonly number[],
  options: BootstrapOptions = {},
): MedianRatio {
  const a = sortedCopy(baseline, 'baseline');
  const b = sortedCopy(current, 'current');
  if ((a[0] as number) <= 0)
    throw new ShipshapeError('INVALID_INPUT', 'ratio of medians: baseline values must be > 0');
  const { rng, resamples, level } = bootstrapSettings(options);
  const sa = new Uint32Array(a.length);
  const sb = new Uint32Array(b.length);
  const stats = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = resampledMedian(b, rng, sb) / resampledMedian(a, rng, sa);
  return { ratio: median(b) / median(a), ci: percentileInterval(stats, level) };
}
