import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startVitest } from 'vitest/node';
import type { EngineDescription } from '../../core/engines/types.js';
import type { SkipRule } from '../../core/results/expectations/types.js';
import { SUITES_DIR } from '../../core/results/test-id.js';
import type { TestResult } from '../../core/results/types.js';
import type { ProgressSink } from './progress.js';
import { ResultsReporter } from './reporter.js';

export interface RunEngineOptions {
  /** Project root holding the vitest config with a `suites` project. */
  readonly root: string;
  /** Config file; the root's vitest.config.ts when absent. */
  readonly configFile?: string;
  readonly suites: readonly string[];
  readonly testNamePattern?: string;
  readonly tags?: readonly string[];
  readonly skip?: readonly SkipRule[];
  readonly progress: ProgressSink;
  /** The status a raw result takes under the engine's expectations (progress counts xfail apart). */
  readonly expected?: (t: TestResult) => TestResult['status'];
  /** Stop after this many unexpected failures. */
  readonly bail?: number;
  /** Called with each result as it is recorded. */
  readonly onResult?: (t: TestResult) => void;
  /** Liveness check used after connection-like failures; resolves to a reason when the engine is gone. */
  readonly engineGone?: () => Promise<string | undefined>;
}

export interface EngineRun {
  readonly tests: TestResult[];
  /** Crashes, load errors, unhandled errors: anything that is not one test's result. */
  readonly errors: string[];
  /** Console output of the tests and vitest's own output, for a log file. */
  readonly log: string;
}

const sink = (into: string[]) =>
  new Writable({
    write(chunk, _enc, done) {
      into.push(String(chunk));
      done();
    },
  });

/** Runs the selected suites on one engine in one programmatic vitest run (project `suites`, no watch). */
export async function runEngine(engine: EngineDescription, opts: RunEngineOptions): Promise<EngineRun> {
  const pattern = opts.testNamePattern ? new RegExp(opts.testNamePattern) : undefined;
  const reporter = new ResultsReporter({
    engine: engine.name,
    progress: opts.progress,
    ...(pattern ? { testNamePattern: pattern } : {}),
    ...(opts.engineGone ? { engineGone: opts.engineGone } : {}),
    ...(opts.expected ? { expected: opts.expected } : {}),
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
    ...(opts.bail ? { bail: opts.bail } : {}),
  });
  const output: string[] = [];
  const errors: string[] = [];
  const exitCode = process.exitCode;
  try {
    const filters = opts.suites.map((s) => `${join(opts.root, SUITES_DIR, s)}/`);
    const vitest = await startVitest(
      'test',
      filters,
      {
        root: opts.root,
        // the config is read in place, not bundled to node_modules/.vite-temp: an install the user
        // running it does not own (a global install made by root) has no writable node_modules
        configLoader: 'runner',
        ...(opts.configFile ? { config: opts.configFile } : {}),
        project: 'suites',
        run: true,
        watch: false,
        passWithNoTests: true,
        reporters: [reporter],
        ...(pattern ? { testNamePattern: pattern } : {}),
        provide: {
          'shipshape.target': engine,
          'shipshape.tags': [...(opts.tags ?? [])],
          'shipshape.skip': [...(opts.skip ?? [])],
        },
      },
      {},
      { stdout: sink(output), stderr: sink(output) },
    );
    await vitest.close();
    if (!reporter.ended) errors.push(`vitest did not complete a run: ${tail(output)}`);
  } catch (err) {
    errors.push(`vitest crashed: ${err instanceof Error ? err.message : String(err)}${tail(output, ' — ')}`);
  } finally {
    process.exitCode = exitCode;
  }
  return {
    tests: reporter.results,
    errors: [...reporter.errors, ...errors],
    log: [...reporter.log, ...output].join(''),
  };
}

const tail = (output: readonly string[], sep = ''): string => {
  const text = output.join('').trim().split('\n').slice(-8).join('\n');
  return text ? `${sep}${text}` : '';
};
