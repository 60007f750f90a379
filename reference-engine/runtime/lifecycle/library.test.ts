import { existsSync, statSync } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BundleOption,
  withCapabilities,
  withCwd,
  withEnv,
  withMount,
  withNoNewPrivileges,
  withResources,
  withRlimit,
  withUser,
} from '../../../harness/engines/runtime-cli/bundle.js';
import { isRoot, pollUntil, processGone } from '../../../harness/engines/runtime-cli/test-helpers.js';
import { Conflict, NotFound } from '../../errors.js';
import {
  containerPids,
  createContainer,
  deleteContainer,
  execInContainer,
  killContainer,
  pauseContainer,
  resumeContainer,
  runContainer,
  startContainer,
} from '../index.js';
import { buildNative, NATIVE_BUILDABLE, PROBE } from '../testing/build-under-test.js';
import { probeBundle } from '../testing/probe-bundle.js';
import { containerState } from './state.js';

const skip = !isRoot || !existsSync(PROBE) || !NATIVE_BUILDABLE;

describe.skipIf(skip)('shiprun library, in process (needs root, build/probe and libseccomp-dev)', () => {
  let dir: string;
  let root: string;
  beforeAll(async () => {
    await buildNative();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiprun-lib-'));
    root = join(dir, 'state');
  });
  afterEach(async () => {
    for (const id of await readdir(root).catch(() => [] as string[]))
      await deleteContainer(root, id, { force: true }).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs probe in the foreground with stdout to a file; returns the exit status and parsed lines. */
  async function runProbe(id: string, args: string[], ...opts: BundleOption[]) {
    const b = await probeBundle(dir, id, args, ...opts);
    const out = await open(join(dir, `${id}.out`), 'w');
    try {
      const code = await runContainer({ root, id, bundle: b.dir, stdio: ['ignore', out.fd, out.fd] });
      const text = await readFile(join(dir, `${id}.out`), 'utf8');
      return { code, text, report: text.trim() ? JSON.parse(text.trim().split('\n')[0] ?? '{}') : {} };
    } finally {
      await out.close();
    }
  }

  it('walks the lifecycle: created (waiting on the fifo) -> running -> stopped, exit recorded, deleted', async () => {
    const b = await probeBundle(dir, 'life', ['sigwait', '--exit-on', 'SIGUSR1', '--code', '9']);
    const c = await createContainer({ root, id: 'life', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    expect(await containerState(root, 'life')).toMatchObject({
      status: 'created',
      pid: c.pid,
      bundle: b.dir,
    });
    expect(existsSync(join(root, 'life', 'exec.fifo'))).toBe(true);
    await expect(deleteContainer(root, 'life')).rejects.toBeInstanceOf(Conflict);
    await startContainer(root, 'life');
    expect((await containerState(root, 'life')).status).toBe('running');
    await expect(startContainer(root, 'life')).rejects.toBeInstanceOf(Conflict);
    const catching = async () => !/SigCgt:\s+0+\n/.test(await readFile(`/proc/${c.pid}/status`, 'utf8'));
    expect(await pollUntil(catching, 5000)).toBe(true);
    await killContainer(root, 'life', 'USR1');
    expect(await pollUntil(async () => (await containerState(root, 'life')).status === 'stopped', 5000)).toBe(
      true,
    );
    expect((await readFile(join(root, 'life', 'exit'), 'utf8')).trim()).toBe('9 0');
    await expect(killContainer(root, 'life', 'TERM')).rejects.toBeInstanceOf(Conflict);
    await deleteContainer(root, 'life');
    await expect(containerState(root, 'life')).rejects.toBeInstanceOf(NotFound);
    expect(await processGone(c.pid)).toBe(true);
  });

  it('pause/resume freeze and thaw, ps lists pids, exec joins the namespaces', async () => {
    const b = await probeBundle(dir, 'frz', ['sleep', '30']);
    const c = await createContainer({ root, id: 'frz', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    await startContainer(root, 'frz');
    expect(await containerPids(root, 'frz')).toEqual([c.pid]);
    await pauseContainer(root, 'frz');
    expect((await containerState(root, 'frz')).status).toBe('paused');
    expect(await readFile(`/proc/${c.pid}/status`, 'utf8')).toMatch(/State:\s+[DS]/);
    await expect(startContainer(root, 'frz')).rejects.toBeInstanceOf(Conflict);
    await resumeContainer(root, 'frz');
    expect((await containerState(root, 'frz')).status).toBe('running');
    await expect(resumeContainer(root, 'frz')).rejects.toBeInstanceOf(Conflict);
    const out = await open(join(dir, 'exec.out'), 'w');
    const code = await execInContainer(root, 'frz', {
      args: ['/bin/probe', 'report', 'process', 'namespaces'],
      stdio: ['ignore', out.fd, out.fd],
    });
    await out.close();
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'exec.out'), 'utf8'));
    expect(report.process.pid).toBeGreaterThan(1);
    expect(report.namespaces.pid).toBe(statSync(`/proc/${c.pid}/ns/pid`).ino);
    expect(await execInContainer(root, 'frz', { args: ['/bin/probe', 'exit', '5'], stdio: 'ignore' })).toBe(
      5,
    );
    await pauseContainer(root, 'frz');
    await expect(execInContainer(root, 'frz', { args: ['/bin/probe'] })).rejects.toBeInstanceOf(Conflict);
    await deleteContainer(root, 'frz', { force: true });
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
    const src = await mkdtemp(join(dir, 'src-'));
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
      dir,
      'cg',
      ['sleep', '10'],
      withResources({ memory: { limit: 64 * 1024 * 1024 }, pids: { limit: 42 } }),
    );
    const c = await createContainer({ root, id: 'cg', bundle: b.dir, stdio: 'ignore' });
    c.shim.unref();
    const mem = '/sys/fs/cgroup/memory/shiprun-cg';
    expect((await readFile(join(mem, 'memory.limit_in_bytes'), 'utf8')).trim()).toBe(
      String(64 * 1024 * 1024),
    );
    expect((await readFile('/sys/fs/cgroup/pids/shiprun-cg/pids.max', 'utf8')).trim()).toBe('42');
    expect((await readFile(join(mem, 'cgroup.procs'), 'utf8')).split('\n')).toContain(String(c.pid));
    await deleteContainer(root, 'cg', { force: true });
    expect(existsSync(mem)).toBe(false);
  });
});
