import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BenchRunSettings,
  problemLines,
  runBenchWithProgress,
} from '../../bench/cli-support/run-bench.js';
import { toSideBySide } from '../../bench/results/side-by-side.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { writeBenchOutputs } from '../bench/write-outputs.js';
import type { CliIo, RunBenchFn } from '../io/io.js';

/** The benchmark `shipshape run` ends with: memory, startup at concurrency 1 and extraction, quick profile. */
export const quickSettings = (workDir: string): BenchRunSettings => ({
  suites: ['memory', 'startup', 'extraction'],
  profile: 'quick',
  seed: 1,
  workDir,
  concurrency: [1],
  images: ['small'],
  network: 'none',
});

const realRun: RunBenchFn = (engines, s, io) => runBenchWithProgress(engines, s, io.stderr);

/**
 * Runs the quick benchmark on `engines` (registries left out), writes bench.json, bench.md and
 * github-action-benchmark.json into `out`, prints the side-by-side table. Never throws for a benchmark
 * that could not run: it is reported, and the conformance result alone decides the exit status.
 */
export async function quickBench(
  engines: readonly EngineDescription[],
  out: string,
  io: CliIo,
  run: RunBenchFn = realRun,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'shipshape-run-bench-'));
  try {
    const targets = engines.filter((e) => e.family !== 'registry');
    io.stderr.write(
      `shipshape: quick benchmark (startup, extraction) on ${targets.map((e) => e.name).join(', ') || 'tools only'}\n`,
    );
    const result = await run(targets, quickSettings(work), io);
    const { document, skipped } = result;
    const files = await writeBenchOutputs(out, document, { skipped });
    for (const line of problemLines(result)) io.stderr.write(`shipshape: ${line}\n`);
    io.stdout.write(
      `\n${toSideBySide(document)}\nBenchmark: ${files.json}, ${files.markdown}, ${files.html}\n`,
    );
  } catch (err) {
    io.stderr.write(`shipshape: the quick benchmark failed: ${(err as Error).message}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
