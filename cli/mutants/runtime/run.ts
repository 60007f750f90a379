import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { RunResults } from '../../../core/results/types.js';
import { namePattern, vitestConfigFor } from '../plan.js';
import { cliPath } from '../run.js';
import { controlProblems, type MutantVerdict, verdictOf } from '../score.js';
import type { RuntimeMutation } from './mutations.js';

/** The bash behind every wrapper (its `case` holds the mutations). */
export const MUTANT_SCRIPT = fileURLToPath(new URL('./mutant-runtime.sh', import.meta.url));

export interface RuntimeMutantOptions {
  /** Project root (holds dist/ and suites/). */
  readonly root: string;
  /** The real runtime the wrappers call (runc). */
  readonly runtime: string;
  readonly mutations: readonly RuntimeMutation[];
  /** Scratch folder for wrappers, configs and reports (the caller removes it). */
  readonly workDir: string;
  /** Conform runs at once; default 3. */
  readonly concurrency?: number;
  /** Bound on each conform run; default 240 s. */
  readonly timeoutMs?: number;
  /** Run the control (default true); without it, control answers an empty run. */
  readonly control?: boolean;
}

export interface RuntimeConformRun {
  readonly label: string;
  readonly exitCode: number | undefined;
  readonly ms: number;
  readonly results: RunResults | undefined;
  readonly output: string;
  /** Calls the mutation changed (0 for the control). */
  readonly applied: number;
}

export interface RuntimeMutantRun {
  /** The faithful wrapper running the whole suite. */
  readonly control: RuntimeConformRun;
  readonly controlProblems: ReturnType<typeof controlProblems>;
  readonly runs: readonly RuntimeConformRun[];
  readonly verdicts: readonly MutantVerdict[];
}

/** Writes `<workDir>/<name>/mutant-<name>`: exports the mutation's settings and runs the script. */
async function writeWrapper(o: RuntimeMutantOptions, name: string): Promise<{ path: string; log: string }> {
  const dir = join(o.workDir, name);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `mutant-${name}`);
  const log = join(dir, 'applied.log');
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const text = [
    '#!/bin/bash',
    `export MUTATION=${q(name)} RUNC=${q(o.runtime)} MUTANT_LOG=${q(log)} MUTANT_TMP=${q(dir)}`,
    `exec bash ${q(MUTANT_SCRIPT)} "$@"`,
    '',
  ].join('\n');
  await writeFile(path, text);
  await chmod(path, 0o755);
  await writeFile(log, '');
  return { path, log };
}

async function conform(
  o: RuntimeMutantOptions,
  name: string,
  ids: readonly string[] | undefined,
): Promise<RuntimeConformRun> {
  const { path, log } = await writeWrapper(o, name);
  const out = join(o.workDir, name, 'out');
  const args = ['conform', '--runtime', path, '--suite', 'runtime-cli', '--out', out];
  const env: Record<string, string> = { CI: '1', NO_COLOR: '1' };
  if (ids) {
    const config = join(o.workDir, name, 'vitest.config.mjs');
    await writeFile(config, vitestConfigFor(ids));
    args.push('-t', namePattern(ids));
    env.SHIPSHAPE_VITEST_CONFIG = config;
  }
  const started = Date.now();
  const child = await execa('node', [cliPath(o.root), ...args], {
    cwd: o.root,
    env,
    reject: false,
    timeout: o.timeoutMs ?? 240_000,
    forceKillAfterDelay: 2_000,
    all: true,
  });
  const results = await readFile(join(out, 'results.json'), 'utf8')
    .then((t) => JSON.parse(t) as RunResults)
    .catch(() => undefined);
  const applied = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  const errors = results?.errors.map((e) => e.message).join('\n') ?? '';
  return {
    label: name,
    exitCode: child.exitCode,
    ms: Date.now() - started,
    results,
    output: `${String(child.all ?? '').slice(-1500)}${child.timedOut ? '\n(timed out)' : ''}${errors}`,
    applied,
  };
}

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
 * Runs the runtime-cli suite through the CLI: once whole on a faithful wrapper (the control), then on
 * each mutant wrapper with only its `expectFailing` tests.
 */
export async function runRuntimeMutants(o: RuntimeMutantOptions): Promise<RuntimeMutantRun> {
  const skipped = async (): Promise<RuntimeConformRun> => ({
    label: 'control',
    exitCode: undefined,
    ms: 0,
    results: undefined,
    output: 'not run',
    applied: 0,
  });
  const tasks = [
    o.control === false ? skipped : () => conform(o, 'control', undefined),
    ...o.mutations.map((m) => () => conform(o, m.name, m.expectFailing)),
  ];
  const [control, ...runs] = (await pool(tasks, o.concurrency ?? 3)) as [
    RuntimeConformRun,
    ...RuntimeConformRun[],
  ];
  const empty = { tests: [] } as unknown as RunResults;
  const all = o.mutations.flatMap((m) => m.expectFailing);
  return {
    control,
    controlProblems: controlProblems(all, control.results ?? empty),
    runs,
    verdicts: o.mutations.map((m, i) =>
      verdictOf({ ...m, expectFailing: m.expectFailing }, runs[i]?.results ?? empty),
    ),
  };
}
