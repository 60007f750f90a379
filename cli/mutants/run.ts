import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { RunResults } from '../../core/results/types.js';
import { namePattern, vitestConfigFor } from './plan.js';
import { type MutationProxy, startMutationProxy } from './proxy.js';
import { controlProblems, type MutantVerdict, verdictOf } from './score.js';
import type { Mutation } from './types.js';

export interface MutantRunOptions {
  /** Project root (holds dist/ and suites/). */
  readonly root: string;
  /** The real engine's unix socket. */
  readonly upstream: string;
  readonly mutations: readonly Mutation[];
  /** Scratch folder for sockets, configs and reports (the caller removes it). */
  readonly workDir: string;
  /** Conform runs at once; default 3. */
  readonly concurrency?: number;
  /** Bound on each conform run; default 120 s. */
  readonly timeoutMs?: number;
}

/** One `shipshape conform` run through the CLI against one proxy. */
export interface ConformRun {
  readonly label: string;
  readonly exitCode: number | undefined;
  readonly ms: number;
  readonly results: RunResults | undefined;
  /** stderr tail and run errors, for a failure message. */
  readonly output: string;
  /** Requests or responses the proxy changed (0 for the control). */
  readonly applied: number;
}

export interface MutantRun {
  readonly control: ConformRun;
  /** Selected tests that did not pass on the faithful proxy. */
  readonly controlProblems: ReturnType<typeof controlProblems>;
  readonly runs: readonly ConformRun[];
  readonly verdicts: readonly MutantVerdict[];
}

/** The compiled CLI the runs use (built by `npm run build` from conform-cli.ts). */
export const cliPath = (root: string): string => join(root, 'dist/cli/mutants/conform-cli.js');

async function conform(
  o: MutantRunOptions,
  label: string,
  proxy: MutationProxy,
  ids: readonly string[],
): Promise<ConformRun> {
  const config = join(o.workDir, `${label}.vitest.config.mjs`);
  const out = join(o.workDir, `${label}-out`);
  await writeFile(config, vitestConfigFor(ids));
  const args = [
    'conform',
    '--engine',
    proxy.address,
    '--suite',
    'docker-api',
    '-t',
    namePattern(ids),
    '--out',
    out,
  ];
  const started = Date.now();
  const child = await execa('node', [cliPath(o.root), ...args], {
    cwd: o.root,
    env: { SHIPSHAPE_VITEST_CONFIG: config, CI: '1', NO_COLOR: '1' },
    reject: false,
    timeout: o.timeoutMs ?? 120_000,
    forceKillAfterDelay: 2_000,
    all: true,
  });
  const results = await readFile(join(out, 'results.json'), 'utf8')
    .then((t) => JSON.parse(t) as RunResults)
    .catch(() => undefined);
  const errors = results?.errors.map((e) => e.message).join('\n') ?? '';
  return {
    label,
    exitCode: child.exitCode,
    ms: Date.now() - started,
    results,
    output: `${String(child.all ?? '').slice(-1500)}${child.timedOut ? '\n(timed out)' : ''}${errors}`,
    applied: proxy.applied(),
  };
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the answer. */
async function pool<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

/**
 * Starts a faithful control proxy and one proxy per mutation, then runs the docker-api suite through
 * the CLI: the control with every targeted test, each mutant with its own `expectFailing` tests.
 * Proxies are closed before it returns, also on failure.
 */
export async function runMutants(o: MutantRunOptions): Promise<MutantRun> {
  const proxies: MutationProxy[] = [];
  try {
    const start = async (name: string, mutation?: Mutation) => {
      const p = await startMutationProxy({
        upstream: o.upstream,
        listen: join(o.workDir, `${name}.sock`),
        ...(mutation ? { mutation } : {}),
      });
      proxies.push(p);
      return p;
    };
    const control = await start('control');
    const mutants = await Promise.all(o.mutations.map((m) => start(m.name, m)));
    const all = o.mutations.flatMap((m) => m.expectFailing);
    const tasks = [
      () => conform(o, 'control', control, all),
      ...o.mutations.map((m, i) => () => conform(o, m.name, mutants[i] as MutationProxy, m.expectFailing)),
    ];
    const [controlRun, ...runs] = (await pool(tasks, o.concurrency ?? 3)) as [ConformRun, ...ConformRun[]];
    const empty = { tests: [] } as unknown as RunResults;
    return {
      control: controlRun,
      controlProblems: controlProblems(all, controlRun.results ?? empty),
      runs,
      verdicts: o.mutations.map((m, i) => verdictOf(m, runs[i]?.results ?? empty)),
    };
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
  }
}
