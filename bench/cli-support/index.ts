export { benchMarkdown } from './markdown.js';
export type { BenchGroup, PlannedBenchmark, SideMonitor, Skip, SuitePlan } from './plan.js';
export { type BenchProfile, type SuiteSettings, samplerFor } from './profile.js';
export { progressPrinter } from './progress.js';
export {
  BENCH_SUITES,
  type BenchRun,
  type BenchRunSettings,
  type BenchSuite,
  runBench,
} from './run-bench.js';
export { type GroupRunOptions, type GroupRunResult, runGroups } from './run-groups.js';
export { type WrittenOutputs, writeBenchOutputs } from './write-outputs.js';
