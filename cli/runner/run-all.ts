import { join } from 'node:path';
import { type DescribeFn, describeEngine } from '../../core/engines/describe/describe-engine.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { buildResults } from '../../core/results/build.js';
import { applyExpectations, skipRulesOf } from '../../core/results/expectations/apply.js';
import { loadExpectations } from '../../core/results/expectations/load.js';
import type { RunResults, TestResult } from '../../core/results/types.js';
import { existingSuites, suitesToRun } from './plan.js';
import type { ProgressSink } from './progress.js';
import { type EngineRun, type RunEngineOptions, runEngine } from './run-engine.js';

export interface ConformOptions {
  readonly root: string;
  readonly configFile?: string;
  /** `--suite` names; empty: every applicable suite. */
  readonly suites: readonly string[];
  readonly tags: readonly string[];
  readonly testNamePattern?: string;
  /** Folder of <engine>.yaml expectation files (default <root>/suites/expectations). */
  readonly expectationsDir?: string;
  /**
   * The user's own expectation folders (`--expectations DIR`, shipshape.yaml), same format and reason
   * rule; read before the shipped ones, so their entries win.
   */
  readonly userExpectations?: readonly string[];
  readonly progress: ProgressSink;
  /** Prints notices such as "no suite applies to X". */
  readonly notice: (line: string) => void;
  readonly describe?: DescribeFn;
  /** Stop an engine's run after this many unexpected failures (`--bail N`). */
  readonly bail?: number;
  /** Called with each result as it is recorded, expectations applied (partial results on an interrupt). */
  readonly onResult?: (t: TestResult) => void;
  /** Injected for tests; runs one engine. */
  readonly runEngine?: (engine: EngineDescription, opts: RunEngineOptions) => Promise<EngineRun>;
}

export interface Conformance {
  readonly results: RunResults;
  /** Per engine: test console output and vitest's own output. */
  readonly logs: Record<string, string>;
}

const goneCheck = (engine: EngineDescription, describe: DescribeFn) => async () => {
  try {
    await describe(engine, { timeoutMs: 5_000 });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

/** Runs every applicable suite on each engine in turn; one engine's crash is recorded and the run goes on. */
export async function runConformance(
  engines: readonly EngineDescription[],
  opts: ConformOptions,
): Promise<Conformance> {
  const startedAt = new Date();
  const builtIn = join(opts.root, 'suites', 'expectations');
  // the maintainer's own files first (the first matching entry wins), then the ones shipped
  const dirs = [...(opts.userExpectations ?? []), opts.expectationsDir ?? builtIn];
  const expectations = await Promise.all(
    engines.map(async (e) => (await Promise.all(dirs.map((d) => loadExpectations(d, e.name)))).flat()),
  );
  const existing = await existingSuites(opts.root);
  const tests: TestResult[] = [];
  const errors: { engine: string; message: string }[] = [];
  const logs: Record<string, string> = {};
  for (const [i, engine] of engines.entries()) {
    const suites = suitesToRun(engine.family, existing, opts.suites);
    if (suites.length === 0) {
      opts.notice(`no suite to run on ${engine.name} (${engine.family})`);
      continue;
    }
    const list = expectations[i] ?? [];
    const run = await (opts.runEngine ?? runEngine)(engine, {
      root: opts.root,
      suites,
      tags: opts.tags,
      skip: skipRulesOf(list),
      progress: opts.progress,
      expected: (t) => applyExpectations([t], list)[0]?.status ?? t.status,
      ...(opts.bail ? { bail: opts.bail } : {}),
      ...(opts.onResult
        ? { onResult: (t: TestResult) => opts.onResult?.(applyExpectations([t], list)[0] ?? t) }
        : {}),
      engineGone: goneCheck(engine, opts.describe ?? describeEngine),
      ...(opts.configFile ? { configFile: opts.configFile } : {}),
      ...(opts.testNamePattern ? { testNamePattern: opts.testNamePattern } : {}),
    }).catch((err: unknown): EngineRun => ({ tests: [], errors: [`run crashed: ${String(err)}`], log: '' }));
    tests.push(...applyExpectations(run.tests, list));
    errors.push(...run.errors.map((message) => ({ engine: engine.name, message })));
    logs[engine.name] = run.log;
  }
  const results = buildResults({ startedAt, finishedAt: new Date(), engines, tests, errors });
  return { results, logs };
}
