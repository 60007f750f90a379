import { describe, expect } from 'vitest';
import { conformance, waitFor } from '../support/index.js';
import {
  createContainer,
  isGone,
  isPaused,
  isRunning,
  jsonLines,
  logText,
  runContainer,
  suiteContext,
  waitExited,
  waitForLog,
  waitReady,
  withCmd,
  withStopSignal,
  withStopTimeout,
} from './support/index.js';

const ctx = suiteContext();
const req = (op: string, tag = 'lifecycle') => ({
  tags: ['containers', tag],
  requirements: [`docker-api:${op}`],
  timeout: 45_000,
});

/** Signals sigwait logged, by name. */
const signalsSeen = async (id: string) =>
  jsonLines((await logText(ctx, id)).stdout)
    .map((d) => d.signal)
    .filter((s): s is string => typeof s === 'string');

const sigwait = async (...args: string[]) => {
  const created = await runContainer(ctx, withCmd('sigwait', ...args));
  await waitReady(ctx, created.id);
  return created;
};

describe('ContainerStart', () => {
  conformance('a created container runs with a Pid', req('ContainerStart'), async () => {
    const { id } = await createContainer(ctx, withCmd('sigwait'));
    await ctx.client.containers.start(id);
    const state = await waitFor(isRunning(ctx, id), { timeoutMs: 10_000, describe: 'running' });
    expect(state.Pid).toBeGreaterThan(0);
  });

  conformance('an exited container can be started again', req('ContainerStart'), async () => {
    const { id } = await createContainer(ctx, withCmd('echo', 'run'));
    await ctx.client.containers.start(id);
    await waitExited(ctx, id);
    await ctx.client.containers.start(id);
    await waitForLog(ctx, id, /^run\nrun\n$/);
  });
});

describe('ContainerStop', () => {
  conformance('sends SIGTERM by default and reports the exit code', req('ContainerStop'), async () => {
    const { id } = await sigwait('--exit-on', 'SIGTERM');
    await ctx.client.containers.stop(id, { t: 10 });
    expect((await ctx.client.containers.inspect(id)).State).toMatchObject({ Running: false, ExitCode: 143 });
    expect(await signalsSeen(id)).toEqual(['SIGTERM']);
  });

  conformance('sends the StopSignal of the container config', req('ContainerStop'), async () => {
    const { id } = await runContainer(
      ctx,
      withStopSignal('SIGUSR1'),
      withCmd('sigwait', '--exit-on', 'SIGUSR1', '--code', '7'),
    );
    await waitReady(ctx, id);
    // The spec allows the signal as a name or a number.
    expect(['SIGUSR1', '10']).toContain((await ctx.client.containers.inspect(id)).Config?.StopSignal);
    await ctx.client.containers.stop(id, { t: 10 });
    expect((await ctx.client.containers.inspect(id)).State?.ExitCode).toBe(7);
    expect(await signalsSeen(id)).toEqual(['SIGUSR1']);
  });

  conformance('kills after t seconds when the process ignores the signal', req('ContainerStop'), async () => {
    const { id } = await runContainer(ctx, withCmd('ignore-signals', '60'));
    await waitReady(ctx, id);
    const t0 = Date.now();
    await ctx.client.containers.stop(id, { t: 1 });
    const elapsed = Date.now() - t0;
    expect((await ctx.client.containers.inspect(id)).State?.ExitCode).toBe(137);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(9_000);
  });

  conformance('StopTimeout of the config is the default grace period', req('ContainerStop'), async () => {
    const { id } = await runContainer(ctx, withStopTimeout(1), withCmd('ignore-signals', '60'));
    await waitReady(ctx, id);
    expect((await ctx.client.containers.inspect(id)).Config?.StopTimeout).toBe(1);
    const t0 = Date.now();
    await ctx.client.containers.stop(id);
    const elapsed = Date.now() - t0;
    expect((await ctx.client.containers.inspect(id)).State?.ExitCode).toBe(137);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(9_000);
  });
});

describe('ContainerRestart', () => {
  conformance('stops with SIGTERM and starts a new process', req('ContainerRestart'), async () => {
    const { id } = await sigwait('--exit-on', 'SIGTERM');
    const before = (await ctx.client.containers.inspect(id)).State;
    await ctx.client.containers.restart(id, { t: 10 });
    const after = await waitFor(isRunning(ctx, id), { timeoutMs: 10_000, describe: 'running again' });
    expect(after.Pid).not.toBe(before?.Pid);
    expect(Date.parse(after.StartedAt ?? '')).toBeGreaterThan(Date.parse(before?.StartedAt ?? ''));
    const out = await waitForLog(ctx, id, /"ready".*\n.*"SIGTERM".*\n.*"ready"/);
    expect(out.match(/"ready"/g)).toHaveLength(2);
  });

  conformance('starts a stopped container', req('ContainerRestart'), async () => {
    const { id } = await createContainer(ctx, withCmd('sigwait'));
    await ctx.client.containers.restart(id, { t: 1 });
    await waitFor(isRunning(ctx, id), { timeoutMs: 10_000, describe: 'running' });
  });
});

describe('ContainerKill', () => {
  conformance('sends SIGKILL by default', req('ContainerKill'), async () => {
    const { id } = await sigwait();
    await ctx.client.containers.kill(id);
    expect(await waitExited(ctx, id)).toBe(137);
  });

  describe.each([
    { given: 'SIGUSR1', name: 'SIGUSR1' },
    { given: 'USR2', name: 'SIGUSR2' },
    { given: '1', name: 'SIGHUP' },
    { given: 'SIGWINCH', name: 'SIGWINCH' },
  ])('signal=$given', ({ given, name }) => {
    conformance('reaches the process, which keeps running', req('ContainerKill'), async () => {
      const { id } = await sigwait();
      await ctx.client.containers.kill(id, given);
      await waitForLog(ctx, id, new RegExp(`"signal":"${name}"`));
      expect((await ctx.client.containers.inspect(id)).State?.Running).toBe(true);
    });
  });

  conformance('a signal the process exits on ends the container', req('ContainerKill'), async () => {
    const { id } = await sigwait('--exit-on', 'SIGINT', '--code', '9');
    await ctx.client.containers.kill(id, 'SIGINT');
    expect(await waitExited(ctx, id)).toBe(9);
  });
});

describe('ContainerPause and ContainerUnpause', () => {
  conformance('pause freezes, unpause thaws the same process', req('ContainerPause', 'pause'), async () => {
    const { id } = await sigwait();
    const pid = (await ctx.client.containers.inspect(id)).State?.Pid;
    await ctx.client.containers.pause(id);
    const paused = await waitFor(isPaused(ctx, id), { timeoutMs: 10_000, describe: 'paused' });
    expect(paused).toMatchObject({ Status: 'paused', Running: true, Paused: true });
    await ctx.client.containers.unpause(id);
    const running = await waitFor(isRunning(ctx, id), { timeoutMs: 10_000, describe: 'unpaused' });
    expect(running).toMatchObject({ Status: 'running', Paused: false, Pid: pid });
  });

  conformance('kill ends a paused container', req('ContainerKill', 'pause'), async () => {
    const { id } = await sigwait();
    await ctx.client.containers.pause(id);
    await waitFor(isPaused(ctx, id), { timeoutMs: 10_000, describe: 'paused' });
    await ctx.client.containers.kill(id);
    expect(await waitExited(ctx, id)).toBe(137);
  });

  conformance(
    'pause of a container that is not running fails and changes nothing',
    req('ContainerPause', 'pause'),
    async () => {
      const { id } = await createContainer(ctx);
      const res = await ctx.client.raw('POST', `/containers/${id}/pause`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json()).toMatchObject({ message: expect.any(String) });
      expect((await ctx.client.containers.inspect(id)).State?.Status).toBe('created');
    },
  );

  conformance(
    'unpause of a container that is not paused fails and changes nothing',
    req('ContainerUnpause', 'pause'),
    async () => {
      const { id } = await sigwait();
      const res = await ctx.client.raw('POST', `/containers/${id}/unpause`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json()).toMatchObject({ message: expect.any(String) });
      expect((await ctx.client.containers.inspect(id)).State?.Status).toBe('running');
    },
  );
});

describe('ContainerRename', () => {
  conformance('the new name finds the container, the old one does not', req('ContainerRename'), async () => {
    const { id, name } = await createContainer(ctx);
    const renamed = ctx.uniqueName('renamed');
    ctx.track(renamed);
    await ctx.client.containers.rename(id, renamed);
    expect((await ctx.client.containers.inspect(renamed)).Name).toBe(`/${renamed}`);
    expect((await ctx.client.raw('GET', `/containers/${name}/json`)).status).toBe(404);
    const listed = await ctx.client.containers.list({ all: true, filters: { id: [id] } });
    expect(listed[0]?.Names).toEqual([`/${renamed}`]);
  });

  conformance('a running container can be renamed', req('ContainerRename'), async () => {
    const { id } = await sigwait();
    const renamed = ctx.uniqueName('renamed');
    await ctx.client.containers.rename(id, renamed);
    expect((await ctx.client.containers.inspect(id)).Name).toBe(`/${renamed}`);
  });
});

describe('ContainerDelete', () => {
  conformance('removes a stopped container', req('ContainerDelete'), async () => {
    const { id } = await createContainer(ctx);
    await ctx.client.containers.remove(id);
    expect(await isGone(ctx, id)()).toBe(true);
  });

  conformance('force removes a running container', req('ContainerDelete'), async () => {
    const { id } = await sigwait();
    await ctx.client.containers.remove(id, { force: true });
    await waitFor(isGone(ctx, id), { timeoutMs: 10_000, describe: 'removed' });
  });

  conformance('v=1 removes anonymous volumes, v=0 keeps them', req('ContainerDelete'), async () => {
    const volumeOf = async (id: string) => {
      const mount = (await ctx.client.containers.inspect(id)).Mounts?.find((m) => m.Destination === '/anon');
      return mount?.Name ?? '';
    };
    const anon = (s: Parameters<Parameters<typeof createContainer>[1]>[0]) => {
      s.config.Volumes = { '/anon': {} };
    };
    const a = await createContainer(ctx, anon);
    const b = await createContainer(ctx, anon);
    const [va, vb] = [await volumeOf(a.id), await volumeOf(b.id)];
    expect(va).not.toBe('');
    ctx.defer(() => ctx.client.volumes.remove(vb, { force: true }));
    await ctx.client.containers.remove(a.id, { v: true });
    await ctx.client.containers.remove(b.id, { v: false });
    expect((await ctx.client.raw('GET', `/volumes/${va}`)).status).toBe(404);
    expect((await ctx.client.raw('GET', `/volumes/${vb}`)).status).toBe(200);
  });
});
