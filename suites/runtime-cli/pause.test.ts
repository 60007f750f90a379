import { describe, expect } from 'vitest';
import { cli, leftovers, processAlive, signalsSeen, waitSignal } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import {
  contract,
  expectRefusal,
  frozen,
  idle,
  lastTick,
  startRunning,
  startTicker,
  useRuntimeCli,
} from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('pause', ...ids);

/** How long a paused ticker (10 ms period) is watched for a tick it must not make. */
const STILL_MS = 300;

const ticksAfter = (file: string, n: number) =>
  waitFor(async () => (await lastTick(file)) > n, {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: 'a new tick',
  });

describe('pause', () => {
  conformance('freezes the cgroup of the container', opts('pause.freezer'), async () => {
    const c = await startRunning('freeze');
    expect(await frozen(c.pid)).toBe(false);
    await cli().pause(c.id);
    expect(await frozen(c.pid)).toBe(true);
  });

  conformance('state says paused', opts('pause.status'), async () => {
    const c = await startRunning('pstate');
    await cli().pause(c.id);
    const s = await cli().state(c.id);
    expect(s).toMatchObject({ status: 'paused', pid: c.pid });
  });

  conformance('list says paused', opts('pause.status'), async () => {
    const c = await startRunning('plist');
    await cli().pause(c.id);
    expect((await cli().list()).find((e) => e.id === c.id)?.status).toBe('paused');
  });

  conformance('stops the counter of the container process', opts('pause.stops'), async () => {
    const t = await startTicker('pcount');
    await cli().pause(t.id);
    const at = await lastTick(t.ticks);
    await idle(STILL_MS);
    expect(await lastTick(t.ticks)).toBe(at);
  });

  conformance('fails on a paused container and leaves it paused', opts('pause.not-running'), async () => {
    const c = await startRunning('ppaused');
    await cli().pause(c.id);
    await expectRefusal(cli().pause(c.id));
    expect((await cli().state(c.id)).status).toBe('paused');
  });

  conformance('fails on a stopped container and leaves it stopped', opts('pause.not-running'), async () => {
    const c = await startRunning('pstopped');
    await cli().kill(c.id, 'SIGTERM');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    await expectRefusal(cli().pause(c.id));
    expect((await cli().state(c.id)).status).toBe('stopped');
  });
});

describe('resume', () => {
  conformance('thaws the cgroup and the status is running', opts('resume.thaws'), async () => {
    const c = await startRunning('thaw');
    await cli().pause(c.id);
    await cli().resume(c.id);
    expect(await frozen(c.pid)).toBe(false);
    expect((await cli().state(c.id)).status).toBe('running');
  });

  conformance('the counter goes on after resume', opts('resume.continues'), async () => {
    const t = await startTicker('rcount');
    await cli().pause(t.id);
    const at = await lastTick(t.ticks);
    await cli().resume(t.id);
    await ticksAfter(t.ticks, at + 2);
    expect(await lastTick(t.ticks)).toBeGreaterThan(at + 2);
  });

  conformance('fails on a running container and leaves it running', opts('resume.not-paused'), async () => {
    const c = await startRunning('rrunning');
    await expectRefusal(cli().resume(c.id));
    expect((await cli().state(c.id)).status).toBe('running');
    expect(await frozen(c.pid)).toBe(false);
  });
});

describe('signals and delete of a paused container', () => {
  conformance('SIGKILL stops a paused container', opts('pause.kill'), async () => {
    const c = await startRunning('pkill');
    await cli().pause(c.id);
    await cli().kill(c.id, 'SIGKILL');
    expect((await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 })).status).toBe('stopped');
    expect(await processAlive(c.pid)).toBe(false);
  });

  conformance('a signal sent while paused arrives after resume', opts('pause.signal-pending'), async () => {
    const c = await startRunning('ppending');
    await cli().pause(c.id);
    await cli().kill(c.id, 'SIGUSR1');
    await idle(STILL_MS);
    expect(await signalsSeen(c)).toEqual([]);
    expect((await cli().state(c.id)).status).toBe('paused');
    await cli().resume(c.id);
    expect(await waitSignal(c, 'SIGUSR1')).toEqual(['SIGUSR1']);
  });

  conformance('delete without --force refuses a paused container', opts('pause.delete'), async () => {
    const c = await startRunning('pdel');
    await cli().pause(c.id);
    await expectRefusal(cli().delete(c.id));
    expect((await cli().state(c.id)).status).toBe('paused');
    expect(await processAlive(c.pid)).toBe(true);
  });

  conformance('delete --force removes a paused container', opts('pause.delete'), async () => {
    const c = await startRunning('pdelf');
    await cli().pause(c.id);
    await cli().delete(c.id, { force: true });
    await waitFor(async () => !(await processAlive(c.pid)), {
      timeoutMs: 10_000,
      intervalMs: 20,
      describe: `${c.id} init to die`,
    });
    expect(await leftovers(c.id)).toEqual([]);
  });
});
