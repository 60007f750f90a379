export {
  type BootstrapOptions,
  bootstrapMedianCi,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Interval,
} from './bootstrap.js';
export { MAD_NORMAL_SCALE, mad, mean, median, stddev } from './describe.js';
export { exactTwoSidedP, exactUDistribution } from './exact-u.js';
export {
  type MannWhitneyMethod,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  MIN_SAMPLES,
  mannWhitneyU,
} from './mann-whitney.js';
export { erfc, normalSf } from './normal.js';
export { deriveSeed, mulberry32, type Prng, randomIndex } from './prng.js';
export { type Quantiles, quantile, quantileSorted, quantiles } from './quantile.js';
export { type MedianRatio, ratioOfMedians } from './ratio.js';
export { type Summary, type SummaryOptions, summarize } from './summary.js';
export {
  containersPerSecond,
  filesPerSecond,
  mebibytesPerSecond,
  megabytesPerSecond,
  opsPerSecond,
} from './throughput.js';
