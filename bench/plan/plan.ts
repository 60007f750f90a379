import type { BenchmarkDefinition } from '../runner/benchmark.js';
import type { SamplerOptions } from '../runner/types.js';

/** Measures something outside the benchmark (a daemon's CPU and memory) while it samples. */
export interface SideMonitor {
  /** Called once, at the first measured (not warm-up) iteration. */
  start(): Promise<void> | void;
  /** Called once after sampling; the value is stored on the result under `key`. */
  stop(): Promise<unknown>;
  readonly key: string;
}

/** One benchmark ready to sample, with its sampler settings and an optional monitor. */
export interface PlannedBenchmark {
  readonly def: BenchmarkDefinition;
  readonly sampler: SamplerOptions;
  readonly monitor?: () => SideMonitor;
  /** Extra fields copied onto the result (e.g. rates); computed from the result's median. */
  readonly extras?: (median: number, samples: number, elapsedMs: number) => Record<string, unknown>;
  /** Throughput unit to report instead of ops/s when no work is set (e.g. containers/s). */
  readonly opsUnit?: string;
  /** With --interleave: benchmarks with one key (default: their id) are sampled in the same rounds. */
  readonly interleaveKey?: string;
}

/**
 * Benchmarks sharing one untimed setup (an image loaded once, corpora written once).
 * Lifecycle: `open()` -> the returned benchmarks run in order -> `close()`, always, even after failures.
 */
export interface BenchGroup {
  readonly label: string;
  readonly engine: string;
  open(signal: AbortSignal): Promise<PlannedBenchmark[]>;
  close(): Promise<void>;
}

/** A benchmark or engine skipped on purpose, with why. */
export interface Skip {
  readonly benchmark?: string;
  readonly engine?: string;
  readonly message: string;
}

/** What a suite contributes to a run: groups to run and things it skipped. */
export interface SuitePlan {
  readonly groups: BenchGroup[];
  readonly skipped: Skip[];
}
