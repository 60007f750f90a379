import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pollFor } from '../../core/wait-for.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import { Conflict, InvalidArgument, NotFound, NotModified } from '../errors.js';
import {
  cgroupsOf,
  IS_ROOT,
  mountsUnder,
  PROBE_REF,
  processesWith,
  useManager,
} from './testing/manager-under-test.js';

const probeArchive = async () =>
  dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE_REF] });

const SKIP = IS_ROOT ? false : 'needs root (overlay mounts, namespaces, cgroups)';

/** The probe's stdout from the json-file log the shim wrote. */
function logText(path: string): string {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { log: string }).log)
    .join('');
}

describe.skipIf(SKIP)('container manager (root, overlay, probe image)', () => {
  const t = useManager(probeArchive);
  const net = { HostConfig: { NetworkMode: 'none' } };

  it('creates, starts, waits for and removes a container, leaving nothing behind', async () => {
    const m = t.manager;
    const { id } = await m.create({ name: 'probe1', body: { Image: PROBE_REF, Cmd: ['exit', '3'], ...net } });
    expect(m.get('probe1').state.status).toBe('created');
    // The log is there before the start: an attach then holds it open through an AutoRemove.
    expect(readFileSync(m.logPath(id), 'utf8')).toBe('');
    const exited = m.wait(id, 'next-exit');
    await m.start(id);
    expect(await exited).toEqual({ StatusCode: 3, Error: null });
    const info = await m.inspect(id);
    expect(info.State).toMatchObject({ Status: 'exited', ExitCode: 3, Running: false, Pid: 0 });
    expect(info.State.FinishedAt).not.toBe('0001-01-01T00:00:00Z');
    expect(info.Name).toBe('/probe1');
    expect(info.Path).toBe('/bin/probe');
    expect(info.Args).toEqual(['exit', '3']);
    const removed = m.wait(id, 'removed');
    await m.remove(id);
    expect((await removed).StatusCode).toBe(3);
    expect(() => m.get(id)).toThrow(NotFound);
    expect(t.events.filter((e) => e.Actor.ID === id).map((e) => e.Action)).toEqual([
      'create',
      'start',
      'die',
      'destroy',
    ]);
    expect(t.events.find((e) => e.Action === 'die')?.Actor.Attributes).toMatchObject({
      exitCode: '3',
      name: 'probe1',
      image: PROBE_REF,
    });
    expect(mountsUnder(t.dir)).toEqual([]);
    expect(cgroupsOf(id)).toEqual([]);
    expect(processesWith(id)).toEqual([]);
    expect(existsSync(`${t.options.root}/containers/${id}`)).toBe(false);
  }, 60_000);

  it('runs the process as the image user, with env, workdir and hostname from Config, and logs through the shim', async () => {
    const m = t.manager;
    const { id } = await m.create({
      body: {
        Image: PROBE_REF,
        Cmd: ['report', 'user', 'env', 'cwd', 'hostname'],
        User: 'shipper',
        Env: ['A=1'],
        WorkingDir: '/tmp',
        Hostname: 'box',
        ...net,
      },
    });
    await m.start(id);
    expect((await m.wait(id)).StatusCode).toBe(0);
    const report = JSON.parse(logText(m.logPath(id)));
    expect(report.user).toMatchObject({ uid: 1000, gid: 1000 });
    expect(report.env).toEqual(expect.arrayContaining(['A=1', 'HOSTNAME=box', 'HOME=/home/shipper']));
    expect(report.cwd).toBe('/tmp');
    expect(report.hostname).toBe('box');
  }, 60_000);

  it('refuses what dockerd refuses: bad and taken names, unknown images, double start, kill of a stopped container', async () => {
    const m = t.manager;
    await expect(m.create({ name: '-bad', body: { Image: PROBE_REF } })).rejects.toThrow(InvalidArgument);
    await expect(m.create({ body: { Image: 'nope:1' } })).rejects.toThrow('No such image: nope:1');
    await expect(m.create({ body: { Image: PROBE_REF, HostConfig: { Runtime: 'bogus' } } })).rejects.toThrow(
      'Unknown runtime specified bogus',
    );
    const { id } = await m.create({
      name: 'taken',
      body: { Image: PROBE_REF, Cmd: ['sleep', '30'], ...net },
    });
    await expect(m.create({ name: 'taken', body: { Image: PROBE_REF } })).rejects.toThrow(Conflict);
    await expect(m.kill(id)).rejects.toThrow(Conflict);
    await m.start(id);
    await expect(m.start(id)).rejects.toThrow(NotModified);
    await expect(m.remove(id)).rejects.toThrow('You cannot remove a running container');
    await m.pause(id);
    expect(m.get(id).state.status).toBe('paused');
    await expect(m.pause(id)).rejects.toThrow('is already paused');
    await expect(m.remove(id)).rejects.toThrow('You cannot remove a paused container');
    await m.unpause(id);
    const top = await m.top(id);
    expect(top.Titles).toContain('PID');
    expect(top.Processes.some((p) => p.join(' ').includes('sleep 30'))).toBe(true);
    await m.kill(id, 'KILL');
    expect(m.get(id).state).toMatchObject({ status: 'exited', exitCode: 137 });
    await expect(m.stop(id)).rejects.toThrow(NotModified);
  }, 60_000);

  it('stops with the stop signal, then SIGKILL after the timeout', async () => {
    const m = t.manager;
    const { id } = await m.create({ body: { Image: PROBE_REF, Cmd: ['ignore-signals', '60'], ...net } });
    await m.start(id);
    await new Promise((r) => setTimeout(r, 300)); // let the probe install its handlers
    const t0 = Date.now();
    await m.stop(id, { timeout: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(m.get(id).state).toMatchObject({ status: 'exited', exitCode: 137, manuallyStopped: true });
    const actions = t.events
      .filter((e) => e.Actor.ID === id)
      .map((e) => [e.Action, e.Actor.Attributes.signal]);
    expect(actions.slice(2)).toEqual([
      ['kill', '15'],
      ['kill', '9'],
      ['die', undefined],
      ['stop', undefined],
    ]);
  }, 60_000);

  it('stops a paused container as dockerd does: the signal waits, then SIGKILL and a thaw', async () => {
    const m = t.manager;
    const { id } = await m.create({ body: { Image: PROBE_REF, Cmd: ['sleep', '60'], ...net } });
    await m.start(id);
    await m.pause(id);
    await m.stop(id, { timeout: 0 });
    expect(m.get(id).state).toMatchObject({ status: 'exited', exitCode: 137 });
    const actions = t.events
      .filter((e) => e.Actor.ID === id)
      .map((e) => `${e.Action}${e.Actor.Attributes.signal ?? ''}`);
    expect(actions.slice(3)).toEqual(['kill15', 'unpause', 'kill9', 'die', 'stop']);
  }, 60_000);

  it('restarts on-failure up to its count with backoff, then stays exited', async () => {
    const m = t.manager;
    const { id } = await m.create({
      body: {
        Image: PROBE_REF,
        Cmd: ['exit', '1'],
        HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } },
      },
    });
    await m.start(id);
    const settled = () => m.get(id).restartCount === 2 && m.get(id).state.status === 'exited';
    await pollFor(settled, { timeoutMs: 10_000, intervalMs: 100, describe: 'the retries to end' });
    expect(m.get(id).restartCount).toBe(2);
    expect(m.get(id).state).toMatchObject({ status: 'exited', exitCode: 1 });
    const times = (action: string) =>
      t.events.filter((e) => e.Actor.ID === id && e.Action === action).map((e) => e.timeNano / 1e6);
    const starts = times('start');
    const dies = times('die');
    expect(starts).toHaveLength(3);
    // Each policy restart waits its backoff after the exit: 100 ms, then 200 ms (lower bounds hold under any load).
    expect((starts[1] as number) - (dies[0] as number)).toBeGreaterThanOrEqual(95);
    expect((starts[2] as number) - (dies[1] as number)).toBeGreaterThanOrEqual(195);
  }, 60_000);

  it('adopts a running container after a daemon restart and learns of its exit', async () => {
    const { id } = await t.manager.create({ body: { Image: PROBE_REF, Cmd: ['sleep', '60'], ...net } });
    await t.manager.start(id);
    const pid = t.manager.get(id).state.pid;
    const m2 = await t.reopen();
    expect(m2.get(id).state).toMatchObject({ status: 'running', pid });
    const done = m2.wait(id, 'next-exit');
    process.kill(pid, 'SIGKILL');
    expect((await done).StatusCode).toBe(137);
    expect(mountsUnder(t.dir)).toEqual([]);
  }, 60_000);

  it('gives a container that exited while the daemon was away its recorded exit code, and restarts it by policy', async () => {
    const { id } = await t.manager.create({
      body: {
        Image: PROBE_REF,
        Cmd: ['sleep', '60'],
        HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'always' } },
      },
    });
    await t.manager.start(id);
    const pid = t.manager.get(id).state.pid;
    await t.manager.close();
    process.kill(pid, 'SIGKILL');
    await pollFor(() => !existsSync(`/proc/${pid}`), {
      timeoutMs: 2500,
      intervalMs: 50,
      describe: 'the kill',
    });
    const m2 = await t.reopen();
    const running = () => m2.get(id).state.status === 'running';
    await pollFor(running, { timeoutMs: 5000, intervalMs: 50, describe: 'the restart' });
    const dies = t.events.filter((e) => e.Actor.ID === id && e.Action === 'die');
    expect(dies.map((e) => e.Actor.Attributes.exitCode)).toEqual(['137']);
    expect(m2.get(id).state.status).toBe('running');
    expect(m2.get(id).restartCount).toBe(1);
    expect(m2.get(id).state.pid).not.toBe(pid);
  }, 60_000);

  it('rolls back a create cut off by a crash', async () => {
    const { id } = await t.manager.create({ body: { Image: PROBE_REF, ...net } });
    const path = `${t.options.root}/containers/${id}/config.v2.json`;
    const record = JSON.parse(readFileSync(path, 'utf8'));
    record.creating = true;
    writeFileSync(path, JSON.stringify(record));
    const m2 = await t.reopen();
    expect(() => m2.get(id)).toThrow(NotFound);
    expect(existsSync(`${t.options.root}/containers/${id}`)).toBe(false);
    await expect(t.options.driver.stat(id)).rejects.toThrow(NotFound);
  }, 60_000);

  it('finishes a removal cut off by a crash', async () => {
    const { id } = await t.manager.create({ body: { Image: PROBE_REF, Volumes: { '/anon': {} }, ...net } });
    const anon = t.manager.get(id).anonymousVolumes[0] as string;
    const path = `${t.options.root}/containers/${id}/config.v2.json`;
    const record = JSON.parse(readFileSync(path, 'utf8'));
    Object.assign(record, { removing: true, removeVolumes: true });
    writeFileSync(path, JSON.stringify(record));
    const m2 = await t.reopen();
    expect(() => m2.get(id)).toThrow(NotFound);
    expect(existsSync(`${t.options.root}/containers/${id}`)).toBe(false);
    await expect(t.options.driver.stat(id)).rejects.toThrow(NotFound);
    await expect(t.options.volumes.inspect(anon)).rejects.toThrow(NotFound);
    expect(t.events.filter((e) => e.Actor.ID === id).map((e) => e.Action)).toEqual(['create', 'destroy']);
  }, 60_000);

  it('finishes at start the removal of a running container cut off by a crash: killed, unmounted, gone', async () => {
    const { id } = await t.manager.create({ body: { Image: PROBE_REF, Cmd: ['sleep', '60'], ...net } });
    await t.manager.start(id);
    const pid = t.manager.get(id).state.pid;
    await t.manager.close(); // the daemon dies right after saving the `removing` marker
    const path = `${t.options.root}/containers/${id}/config.v2.json`;
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), removing: true }));
    const m2 = await t.reopen();
    expect(() => m2.get(id)).toThrow(NotFound);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(mountsUnder(t.dir)).toEqual([]);
    expect(cgroupsOf(id)).toEqual([]);
    expect(processesWith(id)).toEqual([]);
    expect(existsSync(`${t.options.root}/containers/${id}`)).toBe(false);
  }, 60_000);

  it('rolls back the anonymous volumes of a create that fails after making them', async () => {
    const body = {
      Image: PROBE_REF,
      HostConfig: {
        NetworkMode: 'none',
        Mounts: [
          { Type: 'volume' as const, Target: '/anon' }, // made first
          { Type: 'bind' as const, Source: `${t.dir}/missing`, Target: '/b' }, // then refused
        ],
      },
    };
    await expect(t.manager.create({ body })).rejects.toThrow(InvalidArgument);
    expect(await t.options.volumes.list()).toEqual([]);
  }, 60_000);

  it('mounts volumes (named, anonymous, binds, tmpfs), removes anonymous ones with v, and auto-removes', async () => {
    const m = t.manager;
    const { id } = await m.create({
      body: {
        Image: PROBE_REF,
        Cmd: ['write', '/data/f', 'hello'],
        Volumes: { '/anon': {} },
        HostConfig: { NetworkMode: 'none', Binds: ['named:/data'], Tmpfs: { '/scratch': 'size=1m' } },
      },
    });
    const anon = m.get(id).anonymousVolumes;
    expect(anon).toHaveLength(1);
    await m.start(id);
    expect((await m.wait(id)).StatusCode).toBe(0);
    expect(readFileSync(`${t.options.volumes.mountpoint('named')}/f`, 'utf8')).toBe('hello');
    expect(m.usingVolume('named').map((r) => r.id)).toEqual([id]);
    const from = await m.create({
      body: {
        Image: PROBE_REF,
        Cmd: ['write', '/data/g', 'x'],
        HostConfig: { NetworkMode: 'none', VolumesFrom: [`${id}:ro`] },
      },
    });
    expect(m.get(from.id).mounts.map((mp) => [mp.Destination, mp.RW])).toEqual([
      ['/data', false],
      ['/anon', false],
    ]);
    await m.start(from.id);
    expect((await m.wait(from.id)).StatusCode).not.toBe(0); // read-only through VolumesFrom :ro
    await m.remove(from.id);
    await m.remove(id, { volumes: true });
    await expect(t.options.volumes.inspect(anon[0] as string)).rejects.toThrow(NotFound);
    await t.options.volumes.inspect('named');

    const rm = await m.create({
      body: { Image: PROBE_REF, Cmd: ['exit', '0'], HostConfig: { NetworkMode: 'none', AutoRemove: true } },
    });
    const gone = m.wait(rm.id, 'removed');
    await m.start(rm.id);
    await gone;
    expect(() => m.get(rm.id)).toThrow(NotFound);
  }, 60_000);

  it('lists with filters, renames, updates and prunes', async () => {
    const m = t.manager;
    const a = await m.create({
      name: 'a1',
      body: { Image: PROBE_REF, Cmd: ['sleep', '30'], Labels: { k: 'v' }, ...net },
    });
    const b = await m.create({ name: 'b1', body: { Image: PROBE_REF, Cmd: ['exit', '2'], ...net } });
    await m.start(a.id);
    await m.start(b.id);
    await m.wait(b.id);
    expect((await m.list()).map((c) => c.Id)).toEqual([a.id]);
    expect((await m.list({ all: true })).map((c) => c.Id)).toEqual([b.id, a.id]);
    expect((await m.list({ filters: { status: ['exited'] } })).map((c) => c.Id)).toEqual([b.id]);
    expect((await m.list({ all: true, filters: { exited: ['2'] } })).map((c) => c.Id)).toEqual([b.id]);
    expect((await m.list({ all: true, filters: { label: ['k=v'] } })).map((c) => c.Id)).toEqual([a.id]);
    expect((await m.list({ all: true, filters: { name: ['^/b'] } })).map((c) => c.Id)).toEqual([b.id]);
    expect((await m.list({ all: true, filters: { ancestor: [PROBE_REF] } })).length).toBe(2);
    await expect(m.list({ filters: { bogus: ['x'] } })).rejects.toThrow(InvalidArgument);
    const [summary] = await m.list();
    expect(summary?.Status).toMatch(/^Up /);
    expect(summary?.Command).toBe('/bin/probe sleep 30');
    await m.rename('b1', 'b2');
    expect(m.get('b2').id).toBe(b.id);
    await expect(m.rename('b2', 'a1')).rejects.toThrow(Conflict);
    await m.update(a.id, { Memory: 64 << 20, RestartPolicy: { Name: 'unless-stopped' } });
    expect(m.get(a.id).hostConfig).toMatchObject({
      Memory: 64 << 20,
      RestartPolicy: { Name: 'unless-stopped' },
    });
    const limit = cgroupsOf(a.id).find((d) => d.includes('/memory/'));
    if (limit) expect(readFileSync(`${limit}/memory.limit_in_bytes`, 'utf8').trim()).toBe(String(64 << 20));
    const pruned = await m.prune();
    expect(pruned.ContainersDeleted).toEqual([b.id]);
    expect(t.events.some((e) => e.Action === 'rename' && e.Actor.Attributes.oldName === '/b1')).toBe(true);
  }, 60_000);
});
