import { describe, expect, it } from 'vitest';
import type { BenchGroup } from '../plan/plan.js';
import { startupGroup } from '../startup/plan.js';
import type { StartupDriver } from '../startup/types.js';
import { runGroupsInterleaved } from './run-interleaved.js';

const settings = {
  profile: 'quick' as const,
  seed: 1,
  runId: 't',
  workDir: '/tmp',
  image: 'small' as const,
  network: 'none' as const,
  concurrency: [1],
  samples: 6,
};

function fake(engine: string, log: string[], o: { modes?: StartupDriver['modes']; fail?: boolean } = {}) {
  const driver: StartupDriver = {
    engine,
    modes: o.modes ?? ['lifecycle'],
    prepare: async () => void log.push(`prepare ${engine}`),
    async iterate(mode, ctx) {
      if (o.fail) throw new Error(`${engine} is gone`);
      if (!ctx.warmup) log.push(`${engine} ${mode}`);
      ctx.record('start', 1);
    },
    cleanup: async () => void log.push(`cleanup ${engine}`),
    daemon: async () => ({ note: 'none' }),
  };
  return startupGroup(driver, settings);
}

describe('runGroupsInterleaved', () => {
  it('opens every group, alternates engines on shared ids, runs the rest alone, closes all', async () => {
    const log: string[] = [];
    const { results, errors } = await runGroupsInterleaved([
      fake('a', log),
      fake('b', log, { modes: ['lifecycle', 'run'] }),
    ]);
    expect(errors).toEqual([]);
    expect(log.slice(0, 2)).toEqual(['prepare a', 'prepare b']);
    expect(log.slice(2, 6)).toEqual(['a lifecycle', 'b lifecycle', 'b lifecycle', 'a lifecycle']);
    expect(log.slice(-8, -2)).toEqual(Array(6).fill('b run'));
    expect(log.slice(-2)).toEqual(['cleanup a', 'cleanup b']);
    const byKey = new Map(results.map((r) => [`${r.id} [${r.engine}]`, r]));
    const a = byKey.get('startup/lifecycle/c1 [a]');
    expect(a?.rounds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a?.interleavedWith).toEqual(['b']);
    expect(a?.phases[0]?.rounds).toEqual([0, 1, 2, 3, 4, 5]);
    expect(byKey.get('startup/run/c1 [b]')?.rounds).toBeUndefined();
  });

  it('samples different ids that share an interleaveKey in the same rounds', async () => {
    const log: string[] = [];
    const other = (id: string, engine: string): BenchGroup => ({
      label: engine,
      engine,
      ids: [],
      setupMs: 0,
      open: async () => [
        {
          def: { id, engine, iteration: (ctx) => void (ctx.warmup || log.push(engine)) },
          sampler: { samples: 4, warmup: 0 },
          interleaveKey: 'startup/run/c1',
        },
      ],
      close: async () => {},
    });
    const { results, errors } = await runGroupsInterleaved([
      fake('a', log, { modes: ['run'] }),
      other('startup/node-start', 'node'),
    ]);
    expect(errors).toEqual([]);
    expect(log.filter((l) => l !== 'prepare a' && l !== 'cleanup a').slice(0, 4)).toEqual([
      'a run',
      'node',
      'node',
      'a run',
    ]);
    const node = results.find((r) => r.id === 'startup/node-start');
    expect(node?.interleavedWith).toEqual(['startup/run/c1 [a]']);
    expect(node?.rounds).toEqual([0, 1, 2, 3, 4, 5]); // the first benchmark's sampler sets the rounds
  });

  it('reports an engine that fails every iteration and keeps the others; a failed open still closes', async () => {
    const log: string[] = [];
    const broken: BenchGroup = {
      label: 'startup [c]',
      engine: 'c',
      ids: [],
      setupMs: 0,
      open: async () => {
        throw new Error('cannot load image');
      },
      close: async () => void log.push('cleanup c'),
    };
    const { results, errors } = await runGroupsInterleaved([
      fake('a', log),
      fake('b', log, { fail: true }),
      broken,
    ]);
    expect(results.map((r) => r.engine)).toEqual(['a']);
    expect(results[0]?.samples).toHaveLength(6);
    expect(errors).toEqual([
      { engine: 'c', message: 'startup [c]: cannot load image' },
      { benchmark: 'startup/lifecycle/c1', engine: 'b', message: 'no successful iteration: b is gone' },
    ]);
    expect(log.slice(-3)).toEqual(['cleanup a', 'cleanup b', 'cleanup c']);
  });
});
