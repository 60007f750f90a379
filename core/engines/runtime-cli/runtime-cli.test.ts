import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { buildBundle, withArgs } from './bundle.js';
import { RuntimeCli } from './runtime-cli.js';
import {
  expectKillByNumber,
  expectTermLifecycle,
  isRoot,
  present,
  RUNTIMES,
  TERM_AWARE,
} from './test-helpers.js';

describe.each(RUNTIMES)('RuntimeCli against $name', (endpoint) => {
  const absent = !present(endpoint);
  const skip = absent || !isRoot;
  let dir: string;
  let cli: RuntimeCli;

  beforeEach(async () => {
    if (absent) return;
    dir = await mkdtemp(join(tmpdir(), `shipshape-rt-${endpoint.name}-`));
    cli = await RuntimeCli.open(endpoint);
  });

  afterEach(async () => {
    if (absent) return;
    await cli.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bundle = (name: string, ...args: string[]) =>
    buildBundle(join(dir, name), { rootfs: 'busybox' }, withArgs(...args));

  it.skipIf(skip)('create -> created with pid, start -> running, SIGTERM -> stopped, delete', async () => {
    const b = await bundle('term', ...TERM_AWARE);
    await expectTermLifecycle(cli, 'term', b.dir, join(dir, 'term.pid'));
  });

  it.skipIf(skip)('kill by number (9) stops a container that ignores SIGTERM as pid 1', async () => {
    const b = await bundle('nine', 'sleep', '1000');
    await expectKillByNumber(cli, 'nine', b.dir);
  });

  it.skipIf(skip)('run in the foreground returns the stdout and exit status of the container', async () => {
    const echo = await bundle('echo', 'echo', 'hello from', endpoint.name);
    const r = await cli.run('echo', echo.dir);
    expect(r).toMatchObject({ exitCode: 0, stdout: `hello from ${endpoint.name}` });
    const three = await bundle('three', 'sh', '-c', 'echo oops >&2; exit 3');
    expect(await cli.run('three', three.dir)).toMatchObject({ exitCode: 3, stderr: 'oops' });
  });

  it.skipIf(skip)(
    'a foreground run whose process cannot start is an EngineError, not an exit status',
    async () => {
      const b = await bundle('nope', '/no/such/program');
      const err = await cli.run('nope', b.dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).engineMessage).toMatch(/no such file/i);
    },
  );

  it.skipIf(skip)('a duplicate id is an EngineError carrying the runtime message', async () => {
    const b = await bundle('dup', 'sleep', '1000');
    await cli.create('dup', b.dir);
    const err = await cli.create('dup', b.dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).status).not.toBe(0);
    expect((err as EngineError).engineMessage).toMatch(/exist/i);
    expect((err as EngineError).message).toContain(`${endpoint.name} create dup`);
    await cli.delete('dup', { force: true });
  });

  it.skipIf(skip)('kill --all and delete --force remove a running container', async () => {
    const b = await bundle('all', 'sleep', '1000');
    await cli.run('all', b.dir, { detach: true });
    await cli.kill('all', 'KILL', { all: true });
    await cli.delete('all', { force: true });
    expect(await cli.list()).toEqual([]);
  });

  it.skipIf(skip)('exec, pause, resume, ps, update and stats drive a running container', async () => {
    const b = await bundle('more', 'sleep', '1000');
    await cli.run('more', b.dir, { detach: true });
    const { pid = 0 } = await cli.state('more');
    const r = await cli.exec('more', { args: ['sh', '-c', 'echo from-exec; exit 4'] });
    expect(r).toMatchObject({ exitCode: 4, stdout: 'from-exec' });
    const viaFile = await cli.exec('more', {
      process: {
        ...b.config.process,
        args: ['sh', '-c', 'echo $B'],
        env: ['PATH=/bin:/usr/bin', 'B=from-file'],
      },
    });
    expect(viaFile).toMatchObject({ exitCode: 0, stdout: 'from-file' });
    expect(await cli.ps('more')).toEqual([pid]);
    await cli.pause('more');
    expect((await cli.state('more')).status).toBe('paused');
    await cli.resume('more');
    expect((await cli.state('more')).status).toBe('running');
    await cli.update('more', { flags: { pidsLimit: 7 } });
    // crun 1.8.1 has no events command.
    if (endpoint.name === 'runc') expect((await cli.stats('more')).data?.pids).toMatchObject({ current: 1 });
    await cli.update('more', { resources: { pids: { limit: 9 } }, via: 'stdin' });
    await cli.update('more', { resources: { pids: { limit: 11 } }, via: 'file' });
    await expect(cli.pause('no-such-container')).rejects.toBeInstanceOf(EngineError);
    await cli.delete('more', { force: true });
  });

  it.skipIf(absent)('version() parses the banner', async () => {
    const v = await cli.version();
    expect(v.product).toBe(endpoint.name);
    expect(v.version).toMatch(/^\d+\.\d+/);
  });

  it.skipIf(absent)('features() reports support honestly', async () => {
    const f = await cli.features();
    if (f.supported) expect(f.features.ociVersionMin).toMatch(/^1\./);
    else expect(f.reason).not.toBe('');
    // Seen here: runc 1.1.5 has the (then experimental) command, crun 1.8.1 does not.
    if (endpoint.name === 'runc') expect(f.supported).toBe(true);
    if (endpoint.name === 'crun') expect(f.supported).toBe(false);
  });
});
