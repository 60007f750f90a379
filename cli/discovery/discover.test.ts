import { describe, expect, it } from 'vitest';
import type { DescribeFn } from '../../core/engines/describe/describe-engine.js';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { EngineUnreachableError, ShipshapeError } from '../../core/errors.js';
import { discover } from './discover.js';
import type { DiscoveryContext, DiscoveryFlags } from './types.js';

const SOCKETS = new Set([
  '/var/run/docker.sock',
  '/run/podman/podman.sock',
  '/tmp/podman-behind-docker-host.sock',
]);

function fakeCtx(env: Record<string, string> = {}, flags: Partial<DiscoveryFlags> = {}): DiscoveryContext {
  return {
    flags: { engines: [], runtimes: [], registries: [], ...flags },
    env,
    which: async (name) =>
      name === 'runc' ? '/usr/sbin/runc' : name === 'crun' ? '/usr/bin/crun' : undefined,
    answers: async (url) => url.startsWith('http://127.0.0.1:5000'),
    socketExists: async (path) => SOCKETS.has(path),
  };
}

/** Products by address; anything else is unreachable. */
const PRODUCTS: Record<string, string> = {
  'unix:///var/run/docker.sock': 'Docker Engine - Community',
  'unix:///run/podman/podman.sock': 'Podman Engine',
  'unix:///tmp/podman-behind-docker-host.sock': 'Podman Engine',
  '/usr/sbin/runc': 'runc',
  '/usr/bin/crun': 'crun',
  'http://127.0.0.1:5000': 'distribution',
};
const fakeDescribe: DescribeFn = async (e: EngineEndpoint) => {
  const product = PRODUCTS[e.address];
  if (!product) throw new EngineUnreachableError(e.address, 'connection refused');
  return { ...e, product, version: '1.0', capabilities: ['containers'] };
};

describe('discover', () => {
  it('lists probes in order, dedupes by address and names by product', async () => {
    const ctx = fakeCtx({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
    const d = await discover(ctx, { describe: fakeDescribe });
    expect(d.engines.map((e) => [e.name, e.source])).toEqual([
      ['docker', 'DOCKER_HOST'],
      ['podman', 'well-known socket'],
      ['runc', 'PATH'],
      ['crun', 'PATH'],
      ['registry', 'probe: http://127.0.0.1:5000/v2/ answered'],
    ]);
    expect(d.unreachable).toEqual([
      expect.objectContaining({ name: 'containerd', reason: 'no socket at /run/containerd/containerd.sock' }),
    ]);
  });

  it('names a DOCKER_HOST that is Podman "podman"', async () => {
    const ctx = fakeCtx({ DOCKER_HOST: 'unix:///tmp/podman-behind-docker-host.sock' });
    const d = await discover(ctx, { describe: fakeDescribe, kinds: ['environment'] });
    expect(d.engines).toEqual([
      expect.objectContaining({ name: 'podman', source: 'DOCKER_HOST', family: 'docker-api' }),
    ]);
  });

  it('keeps runtime flags and makes names unique', async () => {
    const ctx = fakeCtx({}, { runtimes: ['crun --systemd-cgroup', 'crun'] });
    const d = await discover(ctx, { describe: fakeDescribe, kinds: ['explicit', 'probe'] });
    const cruns = d.engines.filter((e) => e.address === '/usr/bin/crun');
    expect(cruns.map((e) => [e.name, e.args ?? []])).toEqual([
      ['crun', ['--systemd-cgroup']],
      ['crun-2', []],
    ]);
  });

  it('only runs the kinds asked for', async () => {
    const d = await discover(fakeCtx({}, { engines: ['podman'] }), {
      describe: fakeDescribe,
      kinds: ['explicit'],
    });
    expect(d.engines.map((e) => e.name)).toEqual(['podman']);
    expect(d.unreachable).toEqual([]);
  });

  it('fails on an explicit engine that cannot be reached', async () => {
    const run = discover(fakeCtx({}, { engines: ['containerd'] }), { describe: fakeDescribe });
    await expect(run).rejects.toThrow(EngineUnreachableError);
    await expect(run).rejects.toThrow(/containerd\.sock.*--engine containerd/);
  });

  it.each([
    ['DOCKER_HOST', { DOCKER_HOST: 'ssh://me@host' }, {}],
    ['CONTAINER_HOST', { CONTAINER_HOST: 'npipe:////./pipe/docker' }, {}],
    ['--engine', {}, { engines: ['ftp://x'] }],
  ])('rejects a bad scheme in %s as a usage error naming it', async (what, env, flags) => {
    const err = await discover(fakeCtx(env, flags), { describe: fakeDescribe }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShipshapeError);
    expect(err).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect((err as Error).message).toContain(what);
  });
});
