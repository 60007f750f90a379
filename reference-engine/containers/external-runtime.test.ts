import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import { InvalidArgument } from '../errors.js';
import {
  cgroupsOf,
  IS_ROOT,
  mountsUnder,
  PROBE_REF,
  processesWith,
  useManager,
} from './testing/manager-under-test.js';

// HostConfig.Runtime naming an --add-runtime CLI (runc, crun): the CLI creates and runs the container
// under its own --root (EXEC_ROOT/runtimes/NAME); our shim holds its stdio and records its exit.

const probeArchive = async () =>
  dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE_REF] });

/** The runtime's binary on this host, or undefined. */
function find(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const path = join(dir, name);
    if (dir && existsSync(path)) return path;
  }
  return undefined;
}

const RUNTIMES = { runc: find('runc'), crun: find('crun') };
const SKIP = IS_ROOT ? false : 'needs root (overlay mounts, namespaces, cgroups)';

/** The containers `RUNTIME --root ROOT list` shows: id -> status. */
function listed(path: string, root: string): Record<string, string> {
  const out = execFileSync(path, [`--root=${root}`, 'list', '--format=json'], { encoding: 'utf8' });
  const rows = (JSON.parse(out.trim() || 'null') ?? []) as { id: string; status: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

const logLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { stream: string; log: string });

const runtimes = Object.fromEntries(
  Object.entries(RUNTIMES).flatMap(([name, path]) => (path ? [[name, path]] : [])),
);

describe.skipIf(SKIP)('HostConfig.Runtime: an --add-runtime CLI runs the container', () => {
  const t = useManager(probeArchive, 'shipd-rt-', { runtimes });
  const net = { NetworkMode: 'none' };

  for (const name of ['runc', 'crun'] as const) {
    it(`${name}: listed by \`${name} --root EXEC_ROOT/runtimes/${name} list\` while it runs; logs, pause, stop and remove as with shiprun`, async (ctx) => {
      const path = RUNTIMES[name];
      if (!path) ctx.skip(`${name} is not installed here (apt-get install ${name})`);
      const root = join(t.options.execRoot, 'runtimes', name);
      const m = t.manager;
      const { id } = await m.create({
        body: {
          Image: PROBE_REF,
          Cmd: ['sh', '-c', 'echo out-line; stderr err-line; sleep 60'],
          HostConfig: { ...net, Runtime: name },
        },
      });
      await m.start(id);
      expect(listed(path as string, root)).toEqual({ [id]: 'running' });
      expect((await m.inspect(id)).HostConfig.Runtime).toBe(name);
      const pid = m.get(id).state.pid;
      expect(readFileSync(`/proc/${pid}/cgroup`, 'utf8')).toContain(`shipd-${id}`);
      for (let i = 0; i < 100 && logLines(m.logPath(id)).length < 2; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(
        logLines(m.logPath(id))
          .map((l) => [l.stream, l.log])
          .sort(),
      ).toEqual([
        ['stderr', 'err-line\n'],
        ['stdout', 'out-line\n'],
      ]);
      await m.pause(id);
      expect([m.get(id).state.status, listed(path as string, root)[id]]).toEqual(['paused', 'paused']);
      await m.unpause(id);
      expect(listed(path as string, root)[id]).toBe('running');
      const exited = m.wait(id, 'next-exit');
      await m.stop(id, { timeout: 0 });
      expect(await exited).toEqual({ StatusCode: 137, Error: null });
      expect(listed(path as string, root)).toEqual({}); // the runtime's container is deleted at the exit
      await m.remove(id);
      expect(mountsUnder(t.dir)).toEqual([]);
      expect(cgroupsOf(id)).toEqual([]);
      expect(processesWith(id)).toEqual([]);
    }, 60_000);
  }

  it('runc: a container survives the manager closing (the shim is its parent) and is adopted again', async (ctx) => {
    const path = RUNTIMES.runc;
    if (!path) ctx.skip('runc is not installed here (apt-get install runc)');
    const root = join(t.options.execRoot, 'runtimes', 'runc');
    const { id } = await t.manager.create({
      body: { Image: PROBE_REF, Cmd: ['sleep', '60'], HostConfig: { ...net, Runtime: 'runc' } },
    });
    await t.manager.start(id);
    const pid = t.manager.get(id).state.pid;
    const m = await t.reopen();
    expect(m.get(id).state).toMatchObject({ status: 'running', pid });
    expect(listed(path as string, root)).toEqual({ [id]: 'running' });
    const exited = m.wait(id, 'next-exit');
    await m.kill(id, 'SIGKILL');
    expect((await exited).StatusCode).toBe(137);
    expect(listed(path as string, root)).toEqual({});
  }, 60_000);

  it('runc: a process that cannot start fails the start with the runtime message and code 127, leaving nothing', async (ctx) => {
    const path = RUNTIMES.runc;
    if (!path) ctx.skip('runc is not installed here (apt-get install runc)');
    const root = join(t.options.execRoot, 'runtimes', 'runc');
    const { id } = await t.manager.create({
      body: { Image: PROBE_REF, Entrypoint: ['/no/such/binary'], HostConfig: { ...net, Runtime: 'runc' } },
    });
    await expect(t.manager.start(id)).rejects.toThrow(/runc create exited with 1: .*\/no\/such\/binary/);
    expect(t.manager.get(id).state).toMatchObject({ status: 'created', exitCode: 127 });
    expect(listed(path as string, root)).toEqual({});
    expect(processesWith(id)).toEqual([]);
  }, 60_000);

  it('an unknown runtime name is refused at create', async () => {
    await expect(
      t.manager.create({ body: { Image: PROBE_REF, HostConfig: { ...net, Runtime: 'nope' } } }),
    ).rejects.toThrow(InvalidArgument);
  });
});

describe.skipIf(SKIP)('--default-runtime runc: an empty HostConfig.Runtime runs under runc', () => {
  const t = useManager(probeArchive, 'shipd-rt-', {
    runtimes: RUNTIMES.runc ? { runc: RUNTIMES.runc } : {},
    defaultRuntime: 'runc',
  });

  it('create records runc and its CLI runs the container', async (ctx) => {
    const path = RUNTIMES.runc;
    if (!path) ctx.skip('runc is not installed here (apt-get install runc)');
    const { id } = await t.manager.create({
      body: { Image: PROBE_REF, Cmd: ['sleep', '60'], HostConfig: { NetworkMode: 'none' } },
    });
    expect(t.manager.get(id).hostConfig.Runtime).toBe('runc');
    await t.manager.start(id);
    expect(listed(path as string, join(t.options.execRoot, 'runtimes', 'runc'))).toEqual({ [id]: 'running' });
  }, 60_000);
});
