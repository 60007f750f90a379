import { randomBytes } from 'node:crypto';
import type { EngineDescription } from '../../core/engines/types.js';
import { planExtraction } from '../extraction/plan.js';
import { memoryProfile } from '../memory/profile.js';
import { runMemory } from '../memory/run-memory.js';
import type { Skip, SuitePlan } from '../plan/plan.js';
import type { BenchProfile } from '../plan/profile.js';
import { buildBenchDocument } from '../results/build.js';
import { collectEnvironment } from '../results/environment.js';
import type { BenchDocument } from '../results/types.js';
import { calibrationRecorder } from '../runner/calibration.js';
import { planStartup } from '../startup/plan.js';
import type { ImageSize, NetworkMode } from '../startup/types.js';
import { DEFAULT_RESAMPLES } from '../stats/bootstrap.js';
import { planStorage } from '../storage/plan.js';
import { progressPrinter } from './progress.js';
import { type GroupRunOptions, runGroups } from './run-groups.js';
import { runGroupsInterleaved } from './run-interleaved.js';

export const BENCH_SUITES = ['startup', 'extraction', 'storage', 'memory'] as const;
export type BenchSuite = (typeof BENCH_SUITES)[number];
/** Run when no --suite is given; `storage` starts daemons of its own, so it runs only when asked for. */
export const DEFAULT_BENCH_SUITES: readonly BenchSuite[] = ['memory', 'startup', 'extraction'];

export interface BenchRunSettings {
  readonly suites: readonly BenchSuite[];
  readonly profile: BenchProfile;
  readonly samples?: number;
  readonly seed: number;
  readonly workDir: string;
  readonly concurrency: readonly number[];
  readonly images: readonly ImageSize[];
  readonly network: NetworkMode;
  /** Sample each startup benchmark that several engines share round by round across them. */
  readonly interleave?: boolean;
  /** Memory suite: containers held running (default by profile: 10 quick, 100 full). */
  readonly containers?: number;
}

export interface BenchRun {
  readonly document: BenchDocument;
  /** Human-readable lines: what was skipped and why. */
  readonly skipped: string[];
}

const skipLine = (s: Skip) => `${[s.benchmark, s.engine].filter(Boolean).join(' on ')}: ${s.message}`;

/** Plans the selected suites on `engines`, runs every group in turn, assembles shipshape.bench/v1. */
export async function runBench(
  engines: readonly EngineDescription[],
  s: BenchRunSettings,
  hooks: Pick<GroupRunOptions, 'onEvent' | 'onProgress'> = {},
): Promise<BenchRun> {
  const startedAt = new Date();
  const runId = randomBytes(4).toString('hex');
  const common = { profile: s.profile, samples: s.samples, seed: s.seed, runId, workDir: s.workDir };
  const plans: SuitePlan[] = [];
  const interleaved: SuitePlan[] = [];
  const calibration = calibrationRecorder(); // host/calibration, interleaved with startup samples
  if (s.suites.includes('startup')) {
    for (const image of s.images) {
      const startup = { ...common, image, network: s.network, concurrency: s.concurrency, calibration };
      (s.interleave ? interleaved : plans).push(planStartup(engines, startup));
    }
  }
  if (s.suites.includes('extraction')) plans.push(planExtraction(engines, common));
  if (s.suites.includes('storage')) plans.push(planStorage(common));
  const stats = { seed: s.seed, resamples: DEFAULT_RESAMPLES };
  // Memory first: the daemons' idle figures come before any other benchmark has run containers on them.
  const memory = s.suites.includes('memory')
    ? await runMemory(engines, {
        runId,
        profile: memoryProfile(s.profile, { samples: s.samples, containers: s.containers }),
        stats,
        ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
      })
    : { results: [], errors: [], skipped: [] };
  const first = await runGroupsInterleaved(
    interleaved.flatMap((p) => p.groups),
    { ...hooks, stats },
  );
  const rest = await runGroups(
    plans.flatMap((p) => p.groups),
    { ...hooks, stats },
  );
  const run = {
    results: [...memory.results, ...first.results, ...rest.results],
    errors: [...memory.errors, ...first.errors, ...rest.errors],
  };
  const reference = calibration.result(stats);
  const document = buildBenchDocument({
    startedAt,
    finishedAt: new Date(),
    environment: collectEnvironment({
      workDir: s.workDir,
      engines: Object.fromEntries(engines.map((e) => [e.name, e.version])),
    }),
    settings: { seed: s.seed, resamples: DEFAULT_RESAMPLES, profile: s.profile },
    benchmarks: reference ? [...run.results, reference] : run.results,
    errors: run.errors,
  });
  const skips = [...memory.skipped, ...[...interleaved, ...plans].flatMap((p) => p.skipped)];
  return { document, skipped: skips.map(skipLine) };
}

/** `runBench` with progress and events printed on `out` (see progress.ts). */
export function runBenchWithProgress(
  engines: readonly EngineDescription[],
  s: BenchRunSettings,
  out: Parameters<typeof progressPrinter>[0],
): Promise<BenchRun> {
  const p = progressPrinter(out);
  return runBench(engines, s, { onProgress: p.progress, onEvent: p.event });
}

/** What a run could not measure, one line each: `skipped X: why`, `could not run X: why`. */
export function problemLines(run: BenchRun): string[] {
  const errors = run.document.errors.map(
    (e) => `could not run ${[e.benchmark, e.engine].filter(Boolean).join(' on ')}: ${e.message}`,
  );
  return [...run.skipped.map((line) => `skipped ${line}`), ...errors];
}
