import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BenchGroup } from '../plan/plan.js';
import { selection } from '../plan/select.js';
import { calibrationRecorder } from '../runner/calibration.js';
import { type BenchPlan, type BenchRunSettings, runBench } from './run-bench.js';

/** A group of ids sampled twice each; `log` records opens, closes and iterations. */
function group(engine: string, ids: string[], log: string[]): BenchGroup {
  return {
    label: `g [${engine}]`,
    engine,
    ids: ids.map((id) => ({ id, engine, iterations: 2, iterationMs: 1 })),
    setupMs: 0,
    open: async () => {
      log.push(`open ${engine}`);
      return ids.map((id) => ({
        def: { id, engine, iteration: () => void log.push(`${id} [${engine}]`) },
        sampler: { warmup: 0, minSamples: 2, maxSamples: 2 },
      }));
    },
    close: async () => void log.push(`close ${engine}`),
  };
}

describe('runBench with --only', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-runonly-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('never opens a group none of whose ids is kept, and tells only the skips that concern kept ids', async () => {
    const log: string[] = [];
    const s: BenchRunSettings = {
      suites: ['startup'],
      profile: 'quick',
      seed: 1,
      workDir: dir,
      concurrency: [1],
      images: ['small'],
      network: 'none',
      only: ['startup/run/*'],
    };
    const plan: BenchPlan = {
      runId: 't',
      plans: [
        {
          groups: [
            group('a', ['startup/lifecycle/c1', 'startup/run/c1'], log),
            group('b', ['extract/links/none/parse'], log),
          ],
          skipped: [
            { benchmark: 'startup', engine: 'registry', message: 'runs no containers' },
            { benchmark: 'extract/*/none/parse', engine: 'c', message: 'no tar' },
          ],
        },
      ],
      interleaved: [],
      calibration: calibrationRecorder(),
      selection: selection(s.only ?? []),
    };
    const run = await runBench([], s, {}, plan);
    expect(run.document.benchmarks.map((b) => `${b.id} [${b.engine}]`)).toEqual(['startup/run/c1 [a]']);
    expect(log).toEqual(['open a', 'startup/run/c1 [a]', 'startup/run/c1 [a]', 'close a']);
    // only skips that cover a kept id are told
    expect(run.skipped).toEqual(['startup on registry: runs no containers']);
  });
});
