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
 * A benchmark a group will run, known before the group opens (for `--list`, `--only` and the run-time
 * estimate): its id and engine, the iterations its sampler runs at most (warm-up + samples), and a guess
 * of one iteration's wall time on a 2-core host (at concurrency K: the wall time per operation).
 */
export interface PlannedId {
  readonly id: string;
  readonly engine: string;
  readonly iterations: number;
  readonly iterationMs: number;
  /** Wall-time bound of the benchmark's sampling (warm-up budget + hard limit), when it has one. */
  readonly capMs?: number;
}

/**
 * Benchmarks sharing one untimed setup (an image loaded once, corpora written once).
 * Lifecycle: `open()` -> the returned benchmarks run in order -> `close()`, always, even after failures.
 */
export interface BenchGroup {
  readonly label: string;
  readonly engine: string;
  /** Every benchmark `open` can return, before it runs (open may return fewer: skipped targets, --only). */
  readonly ids: readonly PlannedId[];
  /** A guess of `open` + `close` (image loads, corpora written), for the run-time estimate. */
  readonly setupMs: number;
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
