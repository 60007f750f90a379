import { describe, expect, it } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import { runGroups } from '../cli-support/run-groups.js';
import { startupId } from './ids.js';
import { driverFor, planStartup, startupGroup } from './plan.js';
import type { StartupDriver } from './types.js';

const engine = (name: string, family: EngineDescription['family']): EngineDescription => ({
  name,
  family,
  address: `/x/${name}`,
  source: 'test',
  product: name,
  version: '1',
  capabilities: [],
  lacks: { networks: `no networks on ${name}` },
});
const settings = {
  profile: 'quick' as const,
  seed: 1,
  runId: 't',
  workDir: '/tmp',
  image: 'small' as const,
  network: 'none' as const,
  concurrency: [1, 4],
  samples: 4,
};

describe('startup plan', () => {
  it('names figures by mode, image, network and concurrency', () => {
    expect(startupId('lifecycle', { image: 'small', network: 'none' }, 1)).toBe('startup/lifecycle/c1');
    expect(startupId('run', { image: 'large', network: 'bridge' }, 16)).toBe('startup/run/large/bridge/c16');
  });
  it('skips what an engine lacks the capability for, with the reason', () => {
    expect(driverFor(engine('crun', 'runtime-cli'), { ...settings, network: 'bridge' })).toBe(
      'crun lacks capability networks: no networks on crun; crun skipped',
    );
    const plan = planStartup([engine('registry', 'registry'), engine('runc', 'runtime-cli')], settings);
    expect(plan.groups.map((g) => g.engine)).toEqual(['runc']);
    expect(plan.skipped).toEqual([
      expect.objectContaining({
        engine: 'registry',
        message: 'registry lacks capability containers; registry skipped',
      }),
    ]);
  });
  it('prepares once, runs every mode x level with phases, reports containers/s, cleans up', async () => {
    const calls: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const fake: StartupDriver = {
      engine: 'fake',
      modes: ['lifecycle', 'run'],
      prepare: async () => void calls.push('prepare'),
      async iterate(mode, ctx) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await ctx.phase(mode === 'run' ? 'run' : 'start', () => new Promise((r) => setTimeout(r, 2)));
        inFlight--;
      },
      cleanup: async () => void calls.push('cleanup'),
      daemon: async () => ({ note: 'none here' }),
    };
    const group = startupGroup(fake, settings);
    const { results, errors } = await runGroups([group]);
    expect(errors).toEqual([]);
    expect(calls).toEqual(['prepare', 'cleanup']);
    // what the group declared before it opened (for --list, --only and the estimate) is what it ran
    expect(group.ids.map((p) => `${p.id} ${p.engine} ${p.iterations}`)).toEqual(
      results.map((r) => `${r.id} ${r.engine} ${r.warmup + r.samples.length}`),
    );
    expect(results.map((r) => [r.id, r.concurrency, r.samples.length])).toEqual([
      ['startup/lifecycle/c1', 1, 4],
      ['startup/lifecycle/c4', 4, 4],
      ['startup/run/c1', 1, 4],
      ['startup/run/c4', 4, 4],
    ]);
    expect(peak).toBe(4);
    expect(results[0]?.throughput?.unit).toBe('containers/s');
    expect(results[0]?.phases.map((p) => p.name)).toEqual(['start']);
    expect((results[0] as unknown as { daemon: unknown }).daemon).toEqual({ note: 'none here' });
  });
  it('with --only, samples only the kept ids of a group', async () => {
    const fake: StartupDriver = {
      engine: 'fake',
      modes: ['lifecycle', 'run'],
      prepare: async () => {},
      iterate: async () => {},
      cleanup: async () => {},
      daemon: async () => ({ note: 'none here' }),
    };
    const only = (id: string) => id.endsWith('/c4');
    const { results } = await runGroups([startupGroup(fake, { ...settings, only })]);
    expect(results.map((r) => r.id)).toEqual(['startup/lifecycle/c4', 'startup/run/c4']);
  });
});
