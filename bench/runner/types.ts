import type { StopReason } from '../results/types.js';
/**
 * What one timed iteration sees. Lifecycle: the sampler makes a fresh context per iteration, calls the
 * benchmark's iteration function with it, and when the function resolves keeps the total wall time
 * (minus `untimed` work) and every phase recorded; a rejected or timed-out iteration keeps nothing but
 * an error entry.
 */
export interface IterationContext {
  /** 0-based index within its stage (warm-up and measurement count separately). */
  readonly iteration: number;
  readonly warmup: boolean;
  /** Aborted when the iteration exceeds `iterationTimeoutMs`; pass it to engine calls. */
  readonly signal: AbortSignal;
  /** Runs `fn` and records its duration as the named phase (e.g. create, start, wait, delete). */
  phase<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /** Records a phase duration (ms) measured by the benchmark itself. */
  record(name: string, ms: number): void;
  /** Runs `fn` off the clock: its time is subtracted from the iteration total (cleanup, setup). */
  untimed<T>(fn: () => Promise<T> | T): Promise<T>;
}

export type IterationFn = (ctx: IterationContext) => Promise<void> | void;

export type Stage = 'warmup' | 'measure';

export interface Progress {
  readonly benchmark: string;
  readonly stage: Stage;
  /** Iterations finished in this stage (successful or not). */
  readonly done: number;
  /** Planned upper bound for this stage: `warmup` or `maxSamples`. */
  readonly target: number;
}

export interface SamplerOptions {
  /** Iterations run and discarded first. Default 10 (as in youki's hyperfine runs). */
  readonly warmup?: number;
  /** Wall-time cap of the warm-up stage. Default 10 s. */
  readonly warmupBudgetMs?: number;
  /** Sample at least this many times (bounded by `hardLimitMs` and `maxErrors`). Default 10. */
  readonly minSamples?: number;
  /** Never more samples than this. Default 100. */
  readonly maxSamples?: number;
  /** After `minSamples`, stop once the measurement stage has run this long. Default 30 s. */
  readonly timeBudgetMs?: number;
  /** Absolute cap on the measurement stage, even below `minSamples`. Default 4 x timeBudgetMs. */
  readonly hardLimitMs?: number;
  /** One iteration's limit; exceeding it records a TimeoutError. Default 60 s. */
  readonly iterationTimeoutMs?: number;
  /** Iterations in flight at once (1..64). Default 1. */
  readonly concurrency?: number;
  /** Stop the stage after this many failed iterations. Default 3. */
  readonly maxErrors?: number;
  /** Name used in progress reports. */
  readonly label?: string;
  /** Ends sampling early from outside (iterations in flight finish); the stage reports `hard-limit`. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}

export interface IterationError {
  readonly stage: Stage;
  readonly iteration: number;
  readonly message: string;
}

/** Raw output of one sampling run: all durations in milliseconds, in completion order. */
export interface SampleSet {
  readonly samples: number[];
  /** Per-phase durations; each array has one entry per successful iteration that recorded that phase. */
  readonly phases: Record<string, number[]>;
  readonly warmupsDone: number;
  readonly concurrency: number;
  /** Wall time of the measurement stage. */
  readonly elapsedMs: number;
  /** Successful iterations per second of measurement wall time (the throughput at this concurrency). */
  readonly opsPerSecond: number;
  readonly stoppedBy: StopReason;
  readonly errors: IterationError[];
}
