import { shipshapeVersion } from '../../core/results/host.js';
import {
  BENCH_SCHEMA,
  type BenchDocument,
  type BenchEnvironment,
  type BenchmarkResult,
  type BenchSettings,
} from './types.js';

export interface BenchRecord {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly environment: BenchEnvironment;
  readonly settings: BenchSettings;
  readonly benchmarks: readonly BenchmarkResult[];
  readonly errors?: BenchDocument['errors'];
}

/** Assembles a shipshape.bench/v1 document. */
export function buildBenchDocument(r: BenchRecord): BenchDocument {
  return {
    schema: BENCH_SCHEMA,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    shipshapeVersion: shipshapeVersion(),
    environment: r.environment,
    settings: r.settings,
    benchmarks: [...r.benchmarks],
    errors: [...(r.errors ?? [])],
  };
}
