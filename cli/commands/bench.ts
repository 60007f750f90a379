import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { engineRatios, ratiosMarkdown } from '../../bench/cli-support/ratios.js';
import {
  BENCH_SUITES,
  type BenchPlan,
  type BenchRun,
  type BenchRunSettings,
  type BenchSuite,
  DEFAULT_BENCH_SUITES,
  estimatePlan,
  planBench,
  plannedIds,
  problemLines,
  runBenchWithProgress,
} from '../../bench/cli-support/run-bench.js';
import { verdicts, verdictText } from '../../bench/cli-support/verdicts.js';
import { compare } from '../../bench/gate/compare.js';
import { comparePaired } from '../../bench/gate/compare-paired.js';
import { compareRelative } from '../../bench/gate/compare-relative.js';
import { formatGateMarkdown, formatGateReport, gateExitCode } from '../../bench/gate/report.js';
import { estimateLine } from '../../bench/plan/estimate.js';
import type { PlannedId } from '../../bench/plan/plan.js';
import { BENCH_PROFILES, type BenchProfile } from '../../bench/plan/profile.js';
import { closeIds, splitPatterns, unmatched } from '../../bench/plan/select.js';
import { readBenchJson } from '../../bench/results/json.js';
import { toSideBySide } from '../../bench/results/side-by-side.js';
import type { BenchDocument } from '../../bench/results/types.js';
import { DEFAULT_CONCURRENCY } from '../../bench/startup/plan.js';
import type { ImageSize, NetworkMode } from '../../bench/startup/types.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { ShipshapeError, usageError } from '../../core/errors.js';
import { writeBenchOutputs } from '../bench/write-outputs.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import {
  namedShiprun,
  type OpenEmbedded,
  openEmbeddedShipd,
  splitEmbeddedShipd,
} from '../embedded/describe-embedded.js';
import type { CliIo } from '../io/io.js';
import { flagsOf, hasSelection, type SelectionArgs, selectionOptions } from '../io/options.js';

export interface BenchArgs extends SelectionArgs {
  suite: string[];
  quick: boolean;
  full?: boolean;
  profile?: string;
  only?: string[];
  list?: boolean;
  out: string;
  baseline?: string;
  gate: string;
  samples?: number;
  concurrency: number[];
  image: string[];
  network: string;
  seed: number;
  interleave: boolean;
  ab?: string;
  relativeTo?: string;
  containers?: number;
}

/** What the command needs from outside; tests replace them with fakes. */
export interface BenchDeps {
  /** Engines of the flags (`--engine shipd` left out: see openShipd), or every detected one without flags. */
  findEngines(args: BenchArgs, io: CliIo): Promise<EngineDescription[]>;
  /** `--engine shipd`: the embedded daemon, started for the run. */
  openShipd(io: CliIo): Promise<OpenEmbedded>;
  run(
    engines: readonly EngineDescription[],
    s: BenchRunSettings,
    io: CliIo,
    plan: BenchPlan,
  ): Promise<BenchRun>;
  readBaseline(path: string): Promise<BenchDocument>;
}

/** A CliIo that may carry fake dependencies for `bench` (tests only). */
export type BenchIo = CliIo & { readonly bench?: Partial<BenchDeps> };

export const benchOptions = <T>(y: Argv<T>) =>
  selectionOptions(y)
    .option('suite', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: `Benchmarks to run (repeatable): ${BENCH_SUITES.join(', ')}; default ${DEFAULT_BENCH_SUITES.join(', ')}`,
    })
    .option('quick', {
      type: 'boolean',
      default: false,
      describe: 'Profile quick: small corpora and few samples (a smoke run, minutes)',
    })
    .option('full', {
      type: 'boolean',
      default: false,
      describe: 'Profile full: real corpus sizes, every encoding and target, 30 samples (hours on 2 cores)',
    })
    .option('profile', {
      type: 'string',
      describe: `${BENCH_PROFILES.join(', ')}; default standard (sized to end within about 15 minutes)`,
    })
    .option('only', {
      type: 'string',
      array: true,
      describe:
        'Run only these benchmark ids (repeatable or comma-separated globs: * within a segment, ** across; a prefix selects all under it), e.g. extract/large-files/*',
    })
    .option('list', {
      type: 'boolean',
      default: false,
      describe: 'Print the benchmark ids the run would sample, per engine, and the estimate; run nothing',
    })
    .option('out', {
      type: 'string',
      default: 'reports/out/bench',
      describe: 'Directory for bench.json, bench.md, github-action-benchmark.json',
    })
    .option('baseline', { type: 'string', describe: 'A bench.json to gate against (exit 1 on a regression)' })
    .option('gate', {
      type: 'string',
      default: '10%',
      describe: 'Smallest slowdown that counts as a regression, e.g. 10%',
    })
    .option('samples', { type: 'number', describe: 'Measured samples per benchmark (default: by profile)' })
    .option('concurrency', {
      type: 'number',
      array: true,
      default: [...DEFAULT_CONCURRENCY],
      describe: 'Startup concurrency levels (1..64)',
    })
    .option('image', {
      type: 'string',
      array: true,
      default: ['small'],
      describe: 'Startup image: small (probe) and/or large',
    })
    .option('network', {
      type: 'string',
      default: 'none',
      describe: 'Startup network mode for Docker-API engines: none or bridge',
    })
    .option('seed', { type: 'number', default: 1, describe: 'Seed of corpora and bootstrap intervals' })
    .option('containers', {
      type: 'number',
      describe:
        'Memory: containers held running while the daemon and shims are read (default 10 quick, 100 full)',
    })
    .option('interleave', {
      type: 'boolean',
      default: false,
      describe: 'Startup: sample the engines round by round (A B, B A, ...) instead of one after another',
    })
    .option('relative-to', {
      type: 'string',
      describe:
        'With --baseline: gate on ratios to this engine (in both runs, interleaved with it) instead of raw times',
    })
    .option('ab', {
      type: 'string',
      describe:
        'A/B gate in one run: BASELINE,CURRENT engine names; interleaves, pairs rounds, exit 1 on a regression of CURRENT',
    });

/** `10%` or `10` -> 0.10 (always a percentage). */
export function parseGate(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  const pct = m ? Number(m[1]) : Number.NaN;
  if (!(pct >= 0 && pct < 1000)) throw usageError(`--gate ${value}: expected a percentage such as 10%`);
  return pct / 100;
}

/** Checks every argument before anything runs; returns the run settings. */
export function settingsOf(
  a: BenchArgs,
  workDir: string,
): BenchRunSettings & { threshold: number; ab?: { baseline: string; current: string }; relativeTo?: string } {
  const suites = a.suite.length ? a.suite : [...DEFAULT_BENCH_SUITES];
  for (const s of suites) {
    if (!(BENCH_SUITES as readonly string[]).includes(s))
      throw usageError(`--suite ${s}: unknown; choose from ${BENCH_SUITES.join(', ')}`);
  }
  const profile = profileOf(a);
  const only = splitPatterns(a.only ?? []);
  if (a.samples !== undefined && !(Number.isInteger(a.samples) && a.samples >= 2 && a.samples <= 10_000))
    throw usageError(`--samples ${a.samples}: expected an integer from 2 to 10000`);
  for (const k of a.concurrency) {
    if (!(Number.isInteger(k) && k >= 1 && k <= 64)) throw usageError(`--concurrency ${k}: expected 1..64`);
  }
  for (const i of a.image)
    if (i !== 'small' && i !== 'large') throw usageError(`--image ${i}: small or large`);
  if (a.network !== 'none' && a.network !== 'bridge')
    throw usageError(`--network ${a.network}: none or bridge`);
  if (!Number.isInteger(a.seed)) throw usageError(`--seed ${a.seed}: expected an integer`);
  if (
    a.containers !== undefined &&
    !(Number.isInteger(a.containers) && a.containers >= 1 && a.containers <= 1000)
  )
    throw usageError(`--containers ${a.containers}: expected an integer from 1 to 1000`);
  const ab = a.ab === undefined ? undefined : parseAb(a.ab);
  if (ab && a.baseline) throw usageError('--ab and --baseline are two different gates; use one');
  if (ab && !suites.includes('startup')) throw usageError('--ab gates startup figures; add --suite startup');
  if (a.relativeTo !== undefined && !a.baseline) throw usageError('--relative-to needs --baseline');
  if (a.relativeTo !== undefined && !suites.includes('startup'))
    throw usageError('--relative-to gates startup figures; add --suite startup');
  return {
    suites: [...new Set(suites)] as BenchSuite[],
    profile,
    ...(only.length ? { only } : {}),
    ...(a.samples === undefined ? {} : { samples: a.samples }),
    seed: a.seed,
    workDir,
    concurrency: [...new Set(a.concurrency)],
    images: [...new Set(a.image)] as ImageSize[],
    network: a.network as NetworkMode,
    threshold: parseGate(a.gate),
    interleave: a.interleave || ab !== undefined || a.relativeTo !== undefined,
    ...(ab ? { ab } : {}),
    ...(a.relativeTo === undefined ? {} : { relativeTo: a.relativeTo }),
    ...(a.containers === undefined ? {} : { containers: a.containers }),
  };
}

/** `--profile P`, `--quick` or `--full` (one of them, or two that agree); default standard. */
export function profileOf(a: Pick<BenchArgs, 'quick' | 'full' | 'profile'>): BenchProfile {
  if (a.profile !== undefined && !(BENCH_PROFILES as readonly string[]).includes(a.profile))
    throw usageError(`--profile ${a.profile}: choose from ${BENCH_PROFILES.join(', ')}`);
  const asked = [
    ...(a.profile === undefined ? [] : [a.profile]),
    ...(a.quick ? ['quick'] : []),
    ...(a.full ? ['full'] : []),
  ];
  const distinct = [...new Set(asked)];
  if (distinct.length > 1)
    throw usageError(`--quick, --full and --profile disagree (${distinct.join(' vs ')}); give one profile`);
  return (distinct[0] ?? 'standard') as BenchProfile;
}

/**
 * `--only` patterns that select nothing make an empty run: a usage error (exit 2), as conform's `--tag`
 * is, that says what may have been meant and where the ids are listed.
 */
export function checkOnly(
  patterns: readonly string[],
  planned: readonly PlannedId[],
  engines: readonly string[],
): void {
  const ids = [...new Set(planned.map((p) => p.id))];
  const missing = unmatched(patterns, ids);
  if (missing.length === 0) return;
  const near = [...new Set(missing.flatMap((p) => closeIds(p, ids)))];
  const hints = [
    near.length > 0 ? `did you mean --only ${near.join(' | ')}?` : '',
    `ids start with ${[...new Set(ids.map((id) => id.split('/')[0]))].join(', ') || 'nothing (no suite planned)'}`,
    '`shipshape bench --list` shows every benchmark id with its engines',
  ];
  throw usageError(
    `--only ${missing.join(' ')} selected no benchmark on ${engines.join(', ') || 'no engine'}. ${hints.filter(Boolean).join('; ')}`,
  );
}

/** `--list`: each id the run would sample, once, with its engines; then the estimate. */
export function listLines(planned: readonly PlannedId[], keep: (id: string) => boolean): string[] {
  const byId = new Map<string, string[]>();
  for (const p of planned.filter((x) => keep(x.id))) byId.set(p.id, [...(byId.get(p.id) ?? []), p.engine]);
  return [...byId].map(([id, engines]) => `${id}  [${[...new Set(engines)].join(', ')}]`);
}

/** `--ab docker,docker-2` -> the baseline and current engine names. */
export function parseAb(value: string): { baseline: string; current: string } {
  const [baseline, current, ...rest] = value.split(',').map((x) => x.trim());
  if (!baseline || !current || rest.length || baseline === current)
    throw usageError(`--ab ${value}: expected BASELINE,CURRENT, two different engine names`);
  return { baseline, current };
}

/** The engines of the flags but `--engine shipd` (none when that was the only one), else every detected one. */
export async function findBenchEngines(a: BenchArgs, io: CliIo): Promise<EngineDescription[]> {
  const { shipd, rest } = splitEmbeddedShipd(a.engine);
  const selected = { ...a, engine: rest };
  if (shipd && !hasSelection(selected)) return [];
  const found = await discover(defaultContext(flagsOf(selected), io.env), {
    kinds: hasSelection(selected) ? ['explicit'] : ['explicit', 'environment', 'probe'],
    ...(io.describe ? { describe: io.describe } : {}),
  });
  return found.engines.filter((e) => e.family !== 'registry');
}

const DEFAULT_DEPS: BenchDeps = {
  findEngines: findBenchEngines,
  openShipd: openEmbeddedShipd,
  run: (engines, s, io, plan) => runBenchWithProgress(engines, s, io.stderr, plan),
  readBaseline: readBenchJson,
};

/** A baseline that cannot be read is bad input (exit 2), never mistaken for a regression (exit 1). */
async function readBaseline(deps: BenchDeps, path: string): Promise<BenchDocument> {
  try {
    return await deps.readBaseline(resolve(path));
  } catch (err) {
    throw new ShipshapeError('INVALID_INPUT', `--baseline: ${(err as Error).message}`, {
      cause: err,
      exitCode: 2,
    });
  }
}

/**
 * `shipshape bench`: runs the selected benchmarks on the engines, writes the three outputs and, with
 * --baseline, gates. Exit 0, or 1 when a figure regressed significantly beyond --gate, 2 for bad usage
 * or when nothing could be measured.
 */
export async function benchCommand(flags: BenchArgs, io: BenchIo): Promise<number> {
  const args = namedShiprun(flags, io.root);
  const deps = { ...DEFAULT_DEPS, ...io.bench };
  const work = await mkdtemp(join(tmpdir(), 'shipshape-bench-'));
  let own: OpenEmbedded | undefined;
  try {
    const s = settingsOf(args, work);
    const baseline = args.baseline ? await readBaseline(deps, args.baseline) : undefined;
    const found = await deps.findEngines(args, io);
    if (splitEmbeddedShipd(args.engine).shipd) {
      io.stderr.write('shipshape: starting the embedded shipd for --engine shipd\n');
      own = await deps.openShipd(io);
    }
    const engines = [...(own?.engines ?? []), ...found];
    const flag = s.ab ? '--ab' : '--relative-to';
    const named = s.ab ? [s.ab.baseline, s.ab.current] : s.relativeTo ? [s.relativeTo] : [];
    for (const name of named) {
      if (!engines.some((e) => e.name === name))
        throw usageError(
          `${flag}: no engine named ${name}; found ${engines.map((e) => e.name).join(', ') || 'none'}`,
        );
    }
    const plan = planBench(engines, s);
    const names = engines.map((e) => e.name);
    checkOnly(s.only ?? [], plannedIds(plan), names);
    const estimate = estimateLine(estimatePlan(plan), s.profile);
    if (args.list) {
      const lines = listLines(plannedIds(plan), plan.selection.matches);
      io.stdout.write(lines.map((l) => `${l}\n`).join(''));
      io.stderr.write(`shipshape: ${lines.length} benchmarks (${s.profile}); a run takes ${estimate}\n`);
      return 0;
    }
    io.stderr.write(
      `shipshape: benchmarking ${s.suites.join(', ')} (${s.profile}) on ${names.join(', ') || 'no engine (tools only)'}\n`,
    );
    io.stderr.write(`shipshape: this run takes ${estimate}\n`);
    const run = await deps.run(engines, s, io, plan);
    const { document, skipped } = run;
    const report = s.ab
      ? comparePaired(document, s.ab.baseline, s.ab.current, { threshold: s.threshold })
      : baseline && s.relativeTo
        ? compareRelative(baseline, document, s.relativeTo, { threshold: s.threshold })
        : baseline
          ? compare(baseline, document, { threshold: s.threshold })
          : undefined;
    const files = await writeBenchOutputs(args.out, document, {
      skipped,
      ...(report
        ? { gate: `${formatGateReport(report)}\n${formatGateMarkdown(report)}`, gateReport: report }
        : {}),
    });
    for (const line of problemLines(run)) io.stderr.write(`shipshape: ${line}\n`);
    const ratioList = engineRatios(document);
    const ratios = ratiosMarkdown(ratioList);
    io.stdout.write(`${toSideBySide(document, { phases: false })}\n${ratios ? `${ratios}\n` : ''}`);
    io.stdout.write(verdictText(verdicts(document, ratioList)));
    if (io.env.GITHUB_STEP_SUMMARY) {
      await appendFile(io.env.GITHUB_STEP_SUMMARY, await readFile(files.markdown, 'utf8'));
    }
    io.stdout.write(
      `Results: ${files.json}, ${files.markdown}, ${files.html}, ${files.githubActionBenchmark}\n`,
    );
    if (document.benchmarks.length === 0)
      throw new ShipshapeError('ENVIRONMENT', 'no benchmark produced a result (see the errors above)');
    if (!report) return 0;
    io.stdout.write(formatGateReport(report));
    return gateExitCode(report);
  } finally {
    await own?.close();
    await rm(work, { recursive: true, force: true });
  }
}
