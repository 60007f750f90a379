import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle, withArgs, withHostname } from '../../core/engines/runtime-cli/bundle.js';
import { withTerminal } from '../../core/engines/runtime-cli/options/process.js';
import { RuntimeCli } from '../../core/engines/runtime-cli/runtime-cli.js';
import {
  expectKillByNumber,
  expectTermLifecycle,
  isRoot,
  pollUntil,
  processGone,
  TERM_AWARE,
} from '../../core/engines/runtime-cli/test-helpers.js';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { EngineError } from '../../core/errors.js';
import { buildShiprun, NATIVE_BUILDABLE, PROBE, type ShiprunUnderTest } from './testing/build-under-test.js';

const skip = !isRoot || !existsSync('/bin/busybox') || !existsSync(PROBE) || !NATIVE_BUILDABLE;
const reason = 'needs root, /bin/busybox, build/probe and libseccomp-dev';

describe.skipIf(skip)(`shiprun through RuntimeCli (${reason})`, () => {
  let built: ShiprunUnderTest;
  let endpoint: EngineEndpoint;
  let dir: string;
  let cli: RuntimeCli;

  beforeAll(async () => {
    built = await buildShiprun();
    endpoint = { name: 'shiprun', family: 'runtime-cli', address: built.launcher, source: 'test' };
  });
  afterAll(async () => built?.dispose());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiprun-cli-'));
    cli = await RuntimeCli.open(endpoint);
  });
  afterEach(async () => {
    await cli.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bundle = (name: string, ...args: string[]) =>
    buildBundle(join(dir, name), { rootfs: 'busybox' }, withArgs(...args));
  const probeBundle = (name: string, ...args: string[]) =>
    buildBundle(
      join(dir, name),
      { rootfs: { binaries: { '/bin/probe': PROBE }, symlinks: { '/bin/sh': 'probe' } } },
      withArgs('/bin/probe', ...args),
      withHostname('ship-probe'),
    );

  it('run of a probe bundle: pid 1 in new namespaces, hostname from the config, pivoted root', async () => {
    const b = await probeBundle('probe', 'report', 'process', 'hostname', 'mounts', 'namespaces');
    const r = await cli.run('probe', b.dir);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.process.pid).toBe(1);
    expect(report.hostname).toBe('ship-probe');
    const root = report.mounts.find((m: { mount_point: string }) => m.mount_point === '/');
    expect(root.root).toBe(b.rootfs);
    expect(report.mounts.map((m: { mount_point: string }) => m.mount_point)).toContain('/proc');
    expect(report.namespaces.pid).not.toBe(statSync('/proc/self/ns/pid').ino);
    expect(report.namespaces.mnt).not.toBe(statSync('/proc/self/ns/mnt').ino);
  });

  it('create -> created with pid, start -> running, SIGTERM -> stopped, delete', async () => {
    const b = await bundle('term', ...TERM_AWARE);
    await expectTermLifecycle(cli, 'term', b.dir, join(dir, 'term.pid'));
  });

  it('kill by number (9) stops a container that ignores SIGTERM as pid 1', async () => {
    const b = await bundle('nine', 'sleep', '1000');
    await expectKillByNumber(cli, 'nine', b.dir);
  });

  it('run in the foreground returns the stdout and exit status of the container', async () => {
    const echo = await bundle('echo', 'echo', 'hello from', 'shiprun');
    expect(await cli.run('echo', echo.dir)).toMatchObject({ exitCode: 0, stdout: 'hello from shiprun' });
    const three = await bundle('three', 'sh', '-c', 'echo oops >&2; exit 3');
    expect(await cli.run('three', three.dir)).toMatchObject({ exitCode: 3, stderr: 'oops' });
  });

  it('a foreground run whose process cannot start is an EngineError, not an exit status', async () => {
    const b = await bundle('nope', '/no/such/program');
    const err = await cli.run('nope', b.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).engineMessage).toMatch(/no such file/i);
    expect(await readdir(cli.stateRoot)).toEqual([]);
  });

  it('a duplicate id is an EngineError carrying the runtime message', async () => {
    const b = await bundle('dup', 'sleep', '1000');
    await cli.create('dup', b.dir);
    const err = await cli.create('dup', b.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).engineMessage).toMatch(/exist/i);
    expect((err as EngineError).message).toContain('shiprun create dup');
    expect((await cli.state('dup')).status).toBe('created');
    await cli.delete('dup', { force: true });
  });

  it('kill --all and delete --force remove a running container and its cgroup', async () => {
    const b = await bundle('all', 'sleep', '1000');
    await cli.run('all', b.dir, { detach: true });
    const { pid } = await cli.state('all');
    expect(existsSync('/sys/fs/cgroup/pids/shiprun-all')).toBe(true);
    await cli.kill('all', 'KILL', { all: true });
    await cli.delete('all', { force: true });
    expect(await cli.list()).toEqual([]);
    expect(await processGone(pid ?? 0)).toBe(true);
    expect(existsSync('/sys/fs/cgroup/pids/shiprun-all')).toBe(false);
  });

  it('the shim records the exit status with no shiprun process alive', async () => {
    const b = await bundle('late', 'sh', '-c', 'sleep 0.3; exit 7');
    await cli.run('late', b.dir, { detach: true });
    const exitFile = join(cli.stateRoot, 'late', 'exit');
    expect(await pollUntil(async () => existsSync(exitFile), 10_000)).toBe(true);
    expect((await readFile(exitFile, 'utf8')).trim()).toBe('7 0');
    expect((await cli.state('late')).status).toBe('stopped');
    await cli.delete('late');
  });

  it('a foreground run passes SIGTERM on to the container', async () => {
    const b = await bundle('fwd', ...TERM_AWARE);
    const child = spawn(built.launcher, ['--root', cli.stateRoot, 'run', '--bundle', b.dir, 'fwd'], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    expect(await pollUntil(async () => (await cli.list()).some((c) => c.status === 'running'), 10_000)).toBe(
      true,
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
  });

  it('run with process.terminal hands the pty master to --console-socket', async () => {
    const receiver = join(dir, 'console-receiver');
    const src = join(import.meta.dirname, '../../suites/oci-runtime/console-receiver.c');
    await promisify(execFile)('cc', ['-O2', '-o', receiver, src], { timeout: 60_000 });
    const socket = join(dir, 'console.sock');
    const rx = spawn(receiver, [socket], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    rx.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    try {
      expect(await pollUntil(async () => out.includes('listening'), 5000)).toBe(true);
      const b = await buildBundle(
        join(dir, 'tty'),
        { rootfs: { binaries: { '/bin/probe': PROBE } } },
        withArgs('/bin/probe', 'report', 'tty'),
        withTerminal(true, { height: 33, width: 101 }),
      );
      const args = ['--root', cli.stateRoot, 'run', '--console-socket', socket, '--bundle', b.dir, 'tty'];
      const child = spawn(built.launcher, args, { stdio: 'ignore' });
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      expect(code).toBe(0);
      expect(await pollUntil(async () => out.includes('"tty":'), 10_000)).toBe(true);
      expect(out).toContain('"received":true,"rows":33,"cols":101');
      expect(out).toContain('"tty":{"stdin":true,"stdout":true,"stderr":true}');
      expect(await readdir(cli.stateRoot)).toEqual([]);
    } finally {
      rx.kill();
    }
  });

  it('version() and features() describe shiprun', async () => {
    expect((await cli.version()).product).toBe('shiprun');
    const f = await cli.features();
    expect(f.supported).toBe(true);
  });
});
