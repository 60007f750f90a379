import type { BenchRun, BenchRunSettings } from '../../bench/cli-support/run-bench.js';
import type { DescribeFn } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription, EngineEndpoint } from '../../core/engines/types.js';
import type { Conformance, ConformOptions } from '../runner/run-all.js';

/** A stream the CLI writes to. */
export interface Out {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Everything a command touches outside itself, so commands run in-process in tests with fakes. Built
 * once by main.ts from the real process (`processIo`).
 */
export interface CliIo {
  readonly stdout: Out;
  readonly stderr: Out;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Project root (holds vitest.config.ts and suites/). */
  readonly root: string;
  /** Where shipshape.yaml is looked for (default: the process's working directory). */
  readonly cwd?: string;
  readonly describe?: DescribeFn;
  /** Starts the embedded daemon (tests pass a fake). */
  readonly startShipd?: (projectRoot: string) => Promise<EmbeddedShipd>;
  readonly runConformance?: (
    engines: readonly EngineDescription[],
    opts: ConformOptions,
  ) => Promise<Conformance>;
  readonly runBench?: RunBenchFn;
  /** Labelled containers on an engine, and their removal (tests pass fakes; see cli/cleanup). */
  readonly containers?: LabelledContainers;
}

/** What a run's cleanup needs of an engine's containers. */
export interface LabelledContainers {
  list(engine: EngineDescription): Promise<string[]>;
  /** Removes the labelled containers not in `keep`; resolves to the ids removed. */
  remove(engine: EngineDescription, keep?: ReadonlySet<string>): Promise<string[]>;
}

/** Runs the quick benchmark (a test passes a fake). */
export type RunBenchFn = (
  engines: readonly EngineDescription[],
  s: BenchRunSettings,
  io: CliIo,
) => Promise<BenchRun>;

/** A shipd started for one run: its endpoint, and `stop()` that leaves nothing behind. */
export interface EmbeddedShipd {
  readonly endpoint: EngineEndpoint;
  /** Removes the containers left, SIGTERM, then removes its private root; idempotent. */
  stop(): Promise<void>;
}
