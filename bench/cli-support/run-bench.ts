import { randomBytes } from 'node:crypto';
import { isContainerFamily } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { planExtraction } from '../extraction/plan.js';
import { type MemoryProfile, memoryIds, memoryProfile, memoryRunMs } from '../memory/profile.js';
import { runMemory } from '../memory/run-memory.js';
import { estimateRun, type RunEstimate } from '../plan/estimate.js';
import type { BenchGroup, PlannedId, Skip, SuitePlan } from '../plan/plan.js';
import type { BenchProfile } from '../plan/profile.js';
import { globRegExp, type Selection, selection } from '../plan/select.js';
import { buildBenchDocument } from '../results/build.js';
import { collectEnvironment } from '../results/environment.js';
import type { BenchDocument } from '../results/types.js';
import { type CalibrationRecorder, calibrationRecorder } from '../runner/calibration.js';
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
  /** Memory suite: containers held running (default by profile: 10 quick, 20 standard, 100 full). */
  readonly containers?: number;
  /** `--only`: glob patterns over benchmark ids (see bench/plan/select.ts); all ids when empty. */
  readonly only?: readonly string[];
}

/** What a run would do, before anything is opened: the suites' groups and the memory suite's engines. */
export interface BenchPlan {
  readonly runId: string;
  /** Sampled one group after another; `interleaved` round by round across engines. */
  readonly plans: readonly SuitePlan[];
  readonly interleaved: readonly SuitePlan[];
  readonly memory?: { readonly profile: MemoryProfile; readonly engines: readonly EngineDescription[] };
  readonly calibration: CalibrationRecorder;
  readonly selection: Selection;
}

/** Plans the selected suites on `engines` without opening anything (no image loaded, no file written). */
export function planBench(engines: readonly EngineDescription[], s: BenchRunSettings): BenchPlan {
  const runId = randomBytes(4).toString('hex');
  const sel = selection(s.only ?? []);
  const common = {
    profile: s.profile,
    samples: s.samples,
    seed: s.seed,
    runId,
    workDir: s.workDir,
    ...(sel.patterns.length ? { only: sel.matches } : {}),
  };
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
  const memory = s.suites.includes('memory')
    ? { profile: memoryProfile(s.profile, { samples: s.samples, containers: s.containers }), engines }
    : undefined;
  return { runId, plans, interleaved, ...(memory ? { memory } : {}), calibration, selection: sel };
}

/** The memory suite's ids per container engine (runtime CLIs have no daemon to read). */
function memoryPlanned(p: BenchPlan): { label: string; ms: number; ids: PlannedId[] }[] {
  if (!p.memory) return [];
  const profile = p.memory.profile;
  return p.memory.engines
    .filter((e) => isContainerFamily(e.family))
    .map((e) => ({
      label: `memory [${e.name}]`,
      ms: memoryRunMs(profile),
      ids: memoryIds(profile).map((id) => ({ id, engine: e.name, iterations: 1, iterationMs: 0 })),
    }));
}

const groupsOf = (p: BenchPlan): BenchGroup[] => [...p.interleaved, ...p.plans].flatMap((x) => x.groups);

/** Every benchmark id the plan can run, with its engine, in run order (memory, startup, extraction, storage). */
export function plannedIds(p: BenchPlan): PlannedId[] {
  return [...memoryPlanned(p).flatMap((m) => m.ids), ...groupsOf(p).flatMap((g) => g.ids)];
}

/** How long the plan's selected benchmarks will take, guessed from their sample counts and costs. */
export const estimatePlan = (p: BenchPlan): RunEstimate =>
  estimateRun(groupsOf(p), p.selection.matches, memoryPlanned(p));

export interface BenchRun {
  readonly document: BenchDocument;
  /** Human-readable lines: what was skipped and why. */
  readonly skipped: string[];
}

/**
 * With --only, a skip (its benchmark a pattern: `startup`, `extract/*\/apply/btrfs`) is told when a planned
 * id it covers is kept.
 */
const concerns = (sel: Selection, benchmark: string, ids: readonly PlannedId[]): boolean => {
  if (sel.patterns.length === 0) return true;
  const covers = globRegExp(benchmark);
  return ids.some((p) => covers.test(p.id) && sel.matches(p.id));
};

const skipLine = (s: Skip) => `${[s.benchmark, s.engine].filter(Boolean).join(' on ')}: ${s.message}`;

/** Plans the selected suites on `engines`, runs every group in turn, assembles shipshape.bench/v1. */
export async function runBench(
  engines: readonly EngineDescription[],
  s: BenchRunSettings,
  hooks: Pick<GroupRunOptions, 'onEvent' | 'onProgress'> = {},
  planned: BenchPlan = planBench(engines, s),
): Promise<BenchRun> {
  const startedAt = new Date();
  const { runId, plans, interleaved, calibration, selection: sel } = planned;
  // --only: a group none of whose ids is kept is never opened (no image loaded, no corpus written).
  // Suites also skip what no kept id needs inside a group (corpora, targets); the rest is filtered here.
  const kept = (x: readonly SuitePlan[]): BenchGroup[] =>
    x
      .flatMap((p) => p.groups)
      .filter((g) => g.ids.length === 0 || g.ids.some((p) => sel.matches(p.id)))
      .map((g) => ({
        ...g,
        open: async (signal) => (await g.open(signal)).filter((p) => sel.matches(p.def.id)),
      }));
  const stats = { seed: s.seed, resamples: DEFAULT_RESAMPLES };
  // Memory first: the daemons' idle figures come before any other benchmark has run containers on them.
  const memoryEngines = memoryPlanned(planned)
    .filter((m) => m.ids.some((p) => sel.matches(p.id)))
    .map((m) => m.ids[0]?.engine);
  const memory = planned.memory
    ? await runMemory(
        planned.memory.engines.filter((e) => !isContainerFamily(e.family) || memoryEngines.includes(e.name)),
        {
          runId,
          profile: planned.memory.profile,
          stats,
          ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}),
        },
      )
    : { results: [], errors: [], skipped: [] };
  const first = await runGroupsInterleaved(kept(interleaved), { ...hooks, stats });
  const rest = await runGroups(kept(plans), { ...hooks, stats });
  const run = {
    results: [...memory.results.filter((r) => sel.matches(r.id)), ...first.results, ...rest.results],
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
  const all = plannedIds(planned);
  const skips = [...memory.skipped, ...[...interleaved, ...plans].flatMap((p) => p.skipped)].filter(
    (x) => !x.benchmark || concerns(sel, x.benchmark, all),
  );
  return { document, skipped: skips.map(skipLine) };
}

/** `runBench` with progress and events printed on `out` (see progress.ts). */
export function runBenchWithProgress(
  engines: readonly EngineDescription[],
  s: BenchRunSettings,
  out: Parameters<typeof progressPrinter>[0],
  planned?: BenchPlan,
): Promise<BenchRun> {
  const p = progressPrinter(out);
  return runBench(engines, s, { onProgress: p.progress, onEvent: p.event }, planned);
}

/** What a run could not measure, one line each: `skipped X: why`, `could not run X: why`. */
export function problemLines(run: BenchRun): string[] {
  const errors = run.document.errors.map(
    (e) => `could not run ${[e.benchmark, e.engine].filter(Boolean).join(' on ')}: ${e.message}`,
  );
  return [...run.skipped.map((line) => `skipped ${line}`), ...errors];
}
