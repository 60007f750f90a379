import { summarize } from '../stats/summary.js';
import { buildBenchDocument } from './build.js';
import type { BenchDocument, BenchEnvironment, BenchmarkResult } from './types.js';

/** Test support: a fixed environment and documents built from given samples (no benchmark is run). */
export const FIXED_ENVIRONMENT: BenchEnvironment = {
  kernel: '6.18.0',
  arch: 'x64',
  platform: 'linux',
  cpu: { model: 'Test CPU', count: 2 },
  memoryBytes: 24 * 2 ** 30,
  workDir: '/work',
  workDirFilesystem: 'ext4',
  node: 'v20.20.2',
  engines: { docker: '20.10.24', podman: '4.3.1' },
};

export interface FixtureFigure {
  readonly id: string;
  readonly engine: string;
  readonly samples: readonly number[];
  readonly phases?: Record<string, readonly number[]>;
  /** Interleaved runs: the round of each sample, for the total and every phase alike. */
  readonly rounds?: readonly number[];
}

export function fixtureResult(f: FixtureFigure): BenchmarkResult {
  const stats = { seed: 1, resamples: 200 };
  return {
    id: f.id,
    engine: f.engine,
    parameters: {},
    unit: 'ms',
    samples: [...f.samples],
    summary: summarize(f.samples, stats),
    phases: Object.entries(f.phases ?? {}).map(([name, s]) => ({
      name,
      samples: [...s],
      summary: summarize(s, stats),
      ...(f.rounds ? { rounds: [...f.rounds] } : {}),
    })),
    concurrency: 1,
    warmup: 10,
    stoppedBy: 'max-samples',
    elapsedMs: f.samples.reduce((a, b) => a + b, 0),
    errors: [],
    ...(f.rounds ? { rounds: [...f.rounds] } : {}),
  };
}

export const fixtureDocument = (
  figures: readonly FixtureFigure[],
  environment = FIXED_ENVIRONMENT,
): BenchDocument =>
  buildBenchDocument({
    startedAt: new Date('2025-01-01T00:00:00Z'),
    finishedAt: new Date('2025-01-01T00:10:00Z'),
    environment,
    settings: { seed: 1, resamples: 200 },
    benchmarks: figures.map(fixtureResult),
  });
