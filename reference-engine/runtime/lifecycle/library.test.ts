import { existsSync, statSync } from 'node:fs';
import { mkdtemp, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  withCapabilities,
  withCwd,
  withEnv,
  withMount,
  withNoNewPrivileges,
  withResources,
  withRlimit,
  withUser,
} from '../../../core/engines/runtime-cli/bundle.js';
import { isRoot, pollUntil, processGone } from '../../../core/engines/runtime-cli/test-helpers.js';
import { Conflict, NotFound } from '../../errors.js';
import {
  containerPids,
  createContainer,
  deleteContainer,
  execInContainer,
  killContainer,
  pauseContainer,
  resumeContainer,
  startContainer,
} from '../index.js';
import { NATIVE_BUILDABLE, PROBE } from '../testing/build-under-test.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { useScratchRoot } from '../testing/scratch-root.js';
import { containerState } from './state.js';

const skip = !isRoot || !existsSync(PROBE) || !NATIVE_BUILDABLE;

describe.skipIf(skip)('shiprun library, in process (needs root, build/probe and libseccomp-dev)', () => {
  const scratch = useScratchRoot('shiprun-lib-');
  const { runProbe } = scratch;

  it('walks the lifecycle: created (waiting on the fifo) -> running -> stopped, exit recorded, deleted', async () => {
    const b = await probeBundle(scratch.dir, 'life', ['sigwait', '--exit-on', 'SIGUSR1', '--code', '9']);
    const c = await createContainer({ root: scratch.root, id: 'life', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    expect(await containerState(scratch.root, 'life')).toMatchObject({
      status: 'created',
      pid: c.pid,
      bundle: b.dir,
    });
    expect(existsSync(join(scratch.root, 'life', 'exec.fifo'))).toBe(true);
    await expect(deleteContainer(scratch.root, 'life')).rejects.toBeInstanceOf(Conflict);
    await startContainer(scratch.root, 'life');
    expect((await containerState(scratch.root, 'life')).status).toBe('running');
    await expect(startContainer(scratch.root, 'life')).rejects.toBeInstanceOf(Conflict);
    const catching = async () => !/SigCgt:\s+0+\n/.test(await readFile(`/proc/${c.pid}/status`, 'utf8'));
    expect(await pollUntil(catching, 5000)).toBe(true);
    await killContainer(scratch.root, 'life', 'USR1');
    expect(
      await pollUntil(async () => (await containerState(scratch.root, 'life')).status === 'stopped', 5000),
    ).toBe(true);
    expect((await readFile(join(scratch.root, 'life', 'exit'), 'utf8')).trim()).toBe('9 0');
    await expect(killContainer(scratch.root, 'life', 'TERM')).rejects.toBeInstanceOf(Conflict);
    await deleteContainer(scratch.root, 'life');
    await expect(containerState(scratch.root, 'life')).rejects.toBeInstanceOf(NotFound);
    expect(await processGone(c.pid)).toBe(true);
  });

  it('pause/resume freeze and thaw, ps lists pids, exec joins the namespaces', async () => {
    const b = await probeBundle(scratch.dir, 'frz', ['sleep', '30']);
    const c = await createContainer({ root: scratch.root, id: 'frz', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    await startContainer(scratch.root, 'frz');
    expect(await containerPids(scratch.root, 'frz')).toEqual([c.pid]);
    await pauseContainer(scratch.root, 'frz');
    expect((await containerState(scratch.root, 'frz')).status).toBe('paused');
    expect(await readFile(`/proc/${c.pid}/status`, 'utf8')).toMatch(/State:\s+[DS]/);
    await expect(startContainer(scratch.root, 'frz')).rejects.toBeInstanceOf(Conflict);
    await resumeContainer(scratch.root, 'frz');
    expect((await containerState(scratch.root, 'frz')).status).toBe('running');
    await expect(resumeContainer(scratch.root, 'frz')).rejects.toBeInstanceOf(Conflict);
    const out = await open(join(scratch.dir, 'exec.out'), 'w');
    const code = await execInContainer(scratch.root, 'frz', {
      args: ['/bin/probe', 'report', 'process', 'namespaces'],
      stdio: ['ignore', out.fd, out.fd],
    });
    await out.close();
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(scratch.dir, 'exec.out'), 'utf8'));
    expect(report.process.pid).toBeGreaterThan(1);
    expect(report.namespaces.pid).toBe(statSync(`/proc/${c.pid}/ns/pid`).ino);
    expect(
      await execInContainer(scratch.root, 'frz', { args: ['/bin/probe', 'exit', '5'], stdio: 'ignore' }),
    ).toBe(5);
    await pauseContainer(scratch.root, 'frz');
    await expect(execInContainer(scratch.root, 'frz', { args: ['/bin/probe'] })).rejects.toBeInstanceOf(
      Conflict,
    );
    await deleteContainer(scratch.root, 'frz', { force: true });
    expect(await processGone(c.pid)).toBe(true);
  });

  it('applies the process settings: user, groups, cwd, env, rlimits, capabilities, no_new_privs', async () => {
    const kill = ['CAP_KILL'];
    const caps = {
      bounding: ['CAP_CHOWN', ...kill],
      effective: kill,
      permitted: kill,
      inheritable: kill,
      ambient: kill,
    };
    const r = await runProbe(
      'proc',
      ['report', 'user', 'cwd', 'env', 'rlimits', 'capabilities', 'no_new_privs', 'umask'],
      withUser(1000, 1000, [5, 27]),
      withCwd('/work/here'),
      withEnv({ GREETING: 'hello world' }),
      withRlimit('RLIMIT_NOFILE', 321, 654),
      withCapabilities(caps),
      withNoNewPrivileges(true),
    );
    expect(r.code).toBe(0);
    expect(r.report.user).toEqual({ uid: 1000, gid: 1000, euid: 1000, egid: 1000, groups: [5, 27] });
    expect(r.report.cwd).toBe('/work/here');
    expect(r.report.env).toContain('GREETING=hello world');
    expect(r.report.rlimits.RLIMIT_NOFILE).toEqual({ soft: 321, hard: 654 });
    expect(r.report.capabilities.bounding.names).toEqual(['CAP_CHOWN', 'CAP_KILL']);
    expect(r.report.capabilities.effective.names).toEqual(['CAP_KILL']);
    expect(r.report.capabilities.ambient.names).toEqual(['CAP_KILL']);
    expect(r.report.no_new_privs).toBe(true);
    expect(r.report.umask).toBe('0022');
  });

  it('mounts in spec order, masks and read-only paths, default devices', async () => {
    const src = await mkdtemp(join(scratch.dir, 'src-'));
    const r = await runProbe(
      'mnt',
      ['report', 'mounts'],
      withMount({ destination: '/data', type: 'tmpfs', source: 'tmpfs', options: ['size=1m'] }),
      withMount({ destination: '/data/inner', type: 'bind', source: src, options: ['rbind', 'ro'] }),
    );
    expect(r.code).toBe(0);
    type M = { mount_point: string; fstype: string; options: string };
    const mounts = r.report.mounts as M[];
    const at = (p: string) => mounts.filter((m) => m.mount_point === p);
    const points = mounts.map((m) => m.mount_point);
    expect(points.indexOf('/data')).toBeLessThan(points.indexOf('/data/inner'));
    expect(at('/data/inner')[0]?.options).toMatch(/^ro/);
    expect(at('/proc/sys')[0]?.options).toMatch(/^ro/);
    expect(at('/proc/keys').length).toBeGreaterThan(0);
    expect(at('/sys/firmware')[0]?.options).toMatch(/^ro/);
    expect(at('/dev')[0]?.fstype).toBe('tmpfs');
    expect(at('/sys/fs/cgroup/memory')[0]?.options).toMatch(/^ro/);
    const devNull = await runProbe('dev', ['stat', '/dev/null']);
    expect(JSON.parse(devNull.text).stat).toMatchObject({ type: 'char', major: 1, minor: 3 });
  });

  it('puts the container in its v1 cgroups with the limits from linux.resources', async () => {
    const b = await probeBundle(
      scratch.dir,
      'cg',
      ['sleep', '10'],
      withResources({ memory: { limit: 64 * 1024 * 1024 }, pids: { limit: 42 } }),
    );
    const c = await createContainer({ root: scratch.root, id: 'cg', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    const mem = '/sys/fs/cgroup/memory/shiprun-cg';
    expect((await readFile(join(mem, 'memory.limit_in_bytes'), 'utf8')).trim()).toBe(
      String(64 * 1024 * 1024),
    );
    expect((await readFile('/sys/fs/cgroup/pids/shiprun-cg/pids.max', 'utf8')).trim()).toBe('42');
    expect((await readFile(join(mem, 'cgroup.procs'), 'utf8')).split('\n')).toContain(String(c.pid));
    await deleteContainer(scratch.root, 'cg', { force: true });
    expect(existsSync(mem)).toBe(false);
  });
});
