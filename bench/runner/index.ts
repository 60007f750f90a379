export {
  type BenchmarkDefinition,
  type BenchmarkOutcome,
  type RunBenchmarkOptions,
  runBenchmark,
} from './benchmark.js';
export { msSince, now } from './clock.js';
export { resolveOptions } from './options.js';
export { sample } from './sample.js';
export { type ResultMeta, toBenchmarkResult, type Work, type WorkUnit } from './to-result.js';
export type {
  IterationContext,
  IterationError,
  IterationFn,
  Progress,
  SamplerOptions,
  SampleSet,
  Stage,
  StopReason,
} from './types.js';
