import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EngineDescription } from '../../core/engines/types.js';
import type { CliIo } from '../io/io.js';
import { type DifferentialOptions, differentialReport } from './differential.js';
import { diffMarkdown } from './report-md.js';
import { resolveReference } from './resolve-reference.js';
import { diffSummaryLines, writeDiffReport } from './write-report.js';

/**
 * `conform --diff-against NAME`: resolves the reference first (a bad value is a usage error before any
 * suite runs), runs the conformance (`run`), then diffs every other selected Docker-API engine against
 * the reference and writes diff.json and diff.md into `out`. Resolves to `run`'s exit code whatever the
 * differences, and whatever goes wrong in the report (printed on stderr).
 */
export async function withDifferential(
  engines: readonly EngineDescription[],
  args: { readonly diffAgainst?: string | undefined; readonly out: string },
  io: CliIo,
  run: () => Promise<number>,
  opts: DifferentialOptions = {},
): Promise<number> {
  if (args.diffAgainst === undefined || args.diffAgainst === '') return run();
  const reference = await resolveReference(args.diffAgainst, engines, io.env, io.describe);
  const code = await run();
  const candidates = engines.filter((e) => e.family === 'docker-api' && e.address !== reference.address);
  if (candidates.length === 0) {
    io.stderr.write(
      `shipshape: --diff-against ${reference.name}: no other Docker-API engine selected, no diff\n`,
    );
    return code;
  }
  try {
    const named = candidates.some((c) => c.name === reference.name)
      ? { ...reference, name: `${reference.name}-reference` }
      : reference;
    const report = await differentialReport(named, candidates, {
      onEngine: (name) => io.stderr.write(`shipshape: diff scenarios on ${name}\n`),
      ...opts,
    });
    const written = await writeDiffReport(resolve(args.out), report);
    for (const line of diffSummaryLines(report))
      io.stderr.write(`shipshape: ${line}; see ${written.markdown}\n`);
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) await appendFile(summaryFile, diffMarkdown(report));
  } catch (err) {
    io.stderr.write(
      `shipshape: differential report failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
  }
  return code;
}
