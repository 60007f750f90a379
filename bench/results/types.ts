/**
 * shipshape.bench/v1: one benchmark run, as written by `toBenchJson` and read back by `readBenchJson`
 * (validated), compared by bench/gate. Add fields; never rename or remove them within v1.
 * Values are milliseconds (`unit: 'ms'`) or, for memory figures, mebibytes (`unit: 'MiB'`); smaller
 * is better.
 */
import type { Summary } from '../stats/summary.js';

export const BENCH_SCHEMA = 'shipshape.bench/v1';

export type ParameterValue = string | number | boolean;

export interface BenchEnvironment {
  kernel: string;
  arch: string;
  platform: string;
  cpu: { model: string; count: number };
  memoryBytes: number;
  workDir: string;
  /** Filesystem type of `workDir` from /proc/self/mounts (overlay, ext4, tmpfs, ...), or 'unknown'. */
  workDirFilesystem: string;
  node: string;
  /** Engine name -> version string, as given by the caller. */
  engines: Record<string, string>;
}

export interface PhaseResult {
  name: string;
  samples: number[];
  summary: Summary;
  /** Interleaved runs only: the round of each sample (same order as `samples`). */
  rounds?: number[];
}

export interface BenchmarkResult {
  /** Stable across runs and unique per parameter set, e.g. `lifecycle/run-true` or `extract/small-files/gzip-6`. */
  id: string;
  engine: string;
  parameters: Record<string, ParameterValue>;
  unit: BenchUnit;
  /** Raw per-iteration (per-operation, under concurrency) durations (or readings) in completion order. */
  samples: number[];
  summary: Summary;
  phases: PhaseResult[];
  concurrency: number;
  warmup: number;
  stoppedBy: StopReason;
  elapsedMs: number;
  /** A rate derived from the run: ops/s over the measurement wall time, or work units at the median. */
  throughput?: { unit: string; value: number };
  /** Failed iterations (they are not in `samples`). */
  errors: string[];
  /**
   * Interleaved runs only: the round of each sample (same order as `samples`); samples of the engines in
   * `interleavedWith` that share a round ran back to back, so they pair. Figures of another id sampled in
   * the same rounds appear there as `id [engine]`.
   */
  rounds?: number[];
  interleavedWith?: string[];
}

/** Durations in milliseconds; memory readings in mebibytes (2^20 bytes). */
export type BenchUnit = 'ms' | 'MiB';

export interface BenchSettings {
  seed: number;
  resamples: number;
  profile?: string;
}

export interface BenchDocument {
  schema: typeof BENCH_SCHEMA;
  startedAt: string;
  finishedAt: string;
  shipshapeVersion: string;
  environment: BenchEnvironment;
  settings: BenchSettings;
  benchmarks: BenchmarkResult[];
  /** Benchmarks or engines that could not run at all, with the reason. */
  errors: { benchmark?: string; engine?: string; message: string }[];
}

/** The key under which a result is matched across runs. */
export const resultKey = (r: Pick<BenchmarkResult, 'id' | 'engine'>): string => `${r.id} [${r.engine}]`;

/** Why a benchmark's sampling stopped. */
export type StopReason = 'max-samples' | 'time-budget' | 'hard-limit' | 'errors';
