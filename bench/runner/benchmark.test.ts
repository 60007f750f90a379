import { describe, expect, it } from 'vitest';
import { buildBenchDocument } from '../results/build.js';
import { collectEnvironment } from '../results/environment.js';
import { benchDocumentErrors } from '../results/validate.js';
import { runBenchmark } from './benchmark.js';

const fast = { warmup: 1, minSamples: 8, maxSamples: 8 };

describe('runBenchmark', () => {
  it('runs setup once, samples, tears down once, and yields a schema-valid result with phases', async () => {
    const log: string[] = [];
    const out = await runBenchmark(
      {
        id: 'demo/lifecycle',
        engine: 'fake',
        parameters: { image: 'busybox', n: 1 },
        setup: () => void log.push('setup'),
        iteration: async (ctx) => {
          await ctx.phase('create', () => {});
          await ctx.phase('start', () => {});
        },
        teardown: () => void log.push('teardown'),
        work: { amount: 1, unit: 'containers/s' },
      },
      { sampler: fast, stats: { seed: 3, resamples: 200 } },
    );
    expect(log).toEqual(['setup', 'teardown']);
    if (!out.ok) throw new Error(out.error.message);
    expect(out.result.summary.n).toBe(8);
    expect(out.result.phases.map((p) => p.name)).toEqual(['create', 'start']);
    expect(out.result.throughput?.unit).toBe('containers/s');
    const doc = buildBenchDocument({
      startedAt: new Date(),
      finishedAt: new Date(),
      environment: collectEnvironment({ engines: { fake: '1.0' } }),
      settings: { seed: 3, resamples: 200 },
      benchmarks: [out.result],
    });
    expect(benchDocumentErrors(doc)).toEqual([]);
  });

  it('turns a failing setup into an error entry and still tears down', async () => {
    const log: string[] = [];
    const out = await runBenchmark({
      id: 'demo/broken',
      engine: 'fake',
      setup: () => {
        throw new Error('no image');
      },
      iteration: () => void log.push('iteration'),
      teardown: () => void log.push('teardown'),
    });
    expect(out).toEqual({
      ok: false,
      error: { benchmark: 'demo/broken', engine: 'fake', message: 'no image' },
    });
    expect(log).toEqual(['teardown']);
  });

  it('reports a benchmark whose every iteration fails', async () => {
    const out = await runBenchmark(
      { id: 'demo/fails', engine: 'fake', iteration: () => Promise.reject(new Error('engine said 500')) },
      { sampler: { ...fast, maxErrors: 2 } },
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.message).toMatch(/no successful iteration: engine said 500/);
  });
});
