import { appendFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EngineDescription } from '../../core/engines/types.js';
import { usageError } from '../../core/errors.js';
import { buildResults, exitCodeOf } from '../../core/results/build.js';
import { withCoverage } from '../../core/results/coverage.js';
import type { TestResult } from '../../core/results/types.js';
import { summaryMarkdown } from '../../reports/summary-md.js';
import { terminalSummary } from '../../reports/terminal.js';
import { writeReports } from '../../reports/write.js';
import { atInterrupt } from '../cleanup/interrupt.js';
import { labelledContainers, removeLabelled } from '../cleanup/leftovers.js';
import type { CliIo } from '../io/io.js';
import type { RunArgs } from '../io/options.js';
import { checkSuiteNames, checkSuitesApply, existingSuites, nothingSelected } from '../runner/plan.js';
import { progressPrinter, silentProgress } from '../runner/progress.js';
import { runConformance } from '../runner/run-all.js';

/** One line per finished test under --verbose: status, engine, id, and a failure's first line. */
const verboseLine = (t: TestResult): string =>
  `${t.status.toUpperCase().padEnd(5)} [${t.engine}] ${t.id}${
    t.status === 'fail' || t.status === 'xfail' ? `: ${(t.message ?? '').split('\n')[0]}` : ''
  }`;

/** Runs the suites on `engines`, writes the reports, prints the summary; returns the exit code. */
export async function execute(
  engines: readonly EngineDescription[],
  args: RunArgs,
  io: CliIo,
): Promise<number> {
  checkSuiteNames(args.suite);
  if (args.bail !== undefined && !(Number.isInteger(args.bail) && args.bail > 0)) {
    throw usageError(`--bail ${args.bail}: give a whole number of failures, 1 or more`);
  }
  if (args.quiet && args.verbose) throw usageError('--quiet and --verbose: give one of them');
  for (const dir of args.expectations ?? []) {
    if (
      !(await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      throw usageError(`--expectations ${dir}: no such folder (it holds <engine>.yaml or <engine>/*.yaml)`);
    }
  }
  if (args.testNamePattern) {
    try {
      new RegExp(args.testNamePattern);
    } catch (err) {
      throw usageError(`-t ${args.testNamePattern}: ${(err as Error).message}`);
    }
  }
  checkSuitesApply(engines, await existingSuites(io.root), args.suite);
  io.stderr.write(`shipshape: testing ${engines.map((e) => e.name).join(', ')}\n`);
  const containers = io.containers ?? { list: labelledContainers, remove: removeLabelled };
  // what was there before: an interrupt removes only what this run made (`shipshape clean` the rest)
  const before = new Map<string, Set<string>>();
  for (const e of engines) before.set(e.name, new Set(await containers.list(e).catch(() => [])));
  const startedAt = new Date();
  const partial: TestResult[] = [];
  const off = atInterrupt('the run', async (signal) => {
    for (const e of engines) {
      const removed = await containers.remove(e, before.get(e.name)).catch(() => []);
      if (removed.length > 0)
        io.stderr.write(`shipshape: removed ${removed.length} container(s) of this run on ${e.name}\n`);
    }
    const results = buildResults({
      startedAt,
      finishedAt: new Date(),
      engines,
      tests: partial,
      errors: engines.map((e) => ({
        engine: e.name,
        message: `run interrupted by ${signal}: results are partial`,
      })),
    });
    const written = await writeReports(resolve(args.out), results, { strict: args.strict, logs: {} });
    io.stderr.write(`shipshape: partial results: ${written.results}\n`);
  });
  const run = await (async () => {
    try {
      return await (io.runConformance ?? runConformance)(engines, {
        onResult: (t) => {
          partial.push(t);
          if (args.verbose) io.stderr.write(`${verboseLine(t)}\n`);
        },
        ...(args.bail ? { bail: args.bail } : {}),
        ...(args.expectations?.length ? { userExpectations: args.expectations.map((d) => resolve(d)) } : {}),
        root: io.root,
        suites: args.suite,
        tags: args.tag,
        ...(args.testNamePattern ? { testNamePattern: args.testNamePattern } : {}),
        progress: args.quiet ? silentProgress : progressPrinter(io.stderr as NodeJS.WriteStream, io.env),
        notice: (line) => io.stderr.write(`shipshape: ${line}\n`),
        ...(io.describe ? { describe: io.describe } : {}),
      });
    } finally {
      off();
    }
  })();
  const selecting = args.suite.length + args.tag.length > 0 || Boolean(args.testNamePattern);
  if (selecting && run.results.tests.length === 0 && run.results.errors.length === 0) {
    throw usageError(
      await nothingSelected(io.root, engines, {
        suites: args.suite,
        tags: args.tag,
        testNamePattern: args.testNamePattern,
      }),
    );
  }
  const { logs } = run;
  const results = await withCoverage(run.results, join(io.root, 'dist'));
  const out = resolve(args.out);
  const written = await writeReports(out, results, { strict: args.strict, logs });
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, summaryMarkdown(results));
  io.stdout.write(terminalSummary(results, { color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR }));
  io.stdout.write(`Reports: ${written.results}, ${written.junit}, ${written.summary}, ${written.html}\n`);
  return exitCodeOf(results, args.strict);
}
