import { describe, expect } from 'vitest';
import { withResources } from '../../core/engines/runtime-cli/bundle.js';
import { cli, rawRuntime, session, startLive } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import { contract, execDetached, expectRefusal, startRunning, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('events', ...ids);
const MiB = 1024 * 1024;

describe('events --stats', () => {
  conformance('prints one stats event as JSON and exits 0', opts('events.stats'), async () => {
    const c = await startRunning('evstats');
    const r = await rawRuntime(['events', '--stats', c.id]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ type: 'stats', id: c.id, data: expect.any(Object) });
  });

  conformance('reports CPU and memory usage and the pids in use', opts('events.stats-fields'), async () => {
    const c = await startRunning('evfields');
    const { data } = await cli().stats(c.id);
    expect(data?.cpu?.usage?.total).toBeGreaterThan(0);
    expect(data?.memory?.usage?.usage).toBeGreaterThan(0);
    expect(data?.pids?.current).toBe(1);
  });

  conformance('counts a process started by exec', opts('events.stats-fields'), async () => {
    const c = await startRunning('evexec');
    await execDetached(c, ['/bin/probe', 'sleep', '30']);
    expect((await cli().stats(c.id)).data?.pids?.current).toBe(2);
  });

  conformance('reports the limits of the config', opts('events.stats-limits'), async () => {
    const c = await startLive('evlimits', {
      options: [withResources({ memory: { limit: 80 * MiB }, pids: { limit: 43 } })],
    });
    const { data } = await cli().stats(c.id);
    expect(data?.memory?.usage?.limit).toBe(80 * MiB);
    expect(data?.pids?.limit).toBe(43);
  });

  conformance('reports limits changed by update', opts('events.stats-limits'), async () => {
    const c = await startRunning('evupdated');
    await cli().update(c.id, { flags: { memory: 72 * MiB, pidsLimit: 47 } });
    const { data } = await cli().stats(c.id);
    expect(data?.memory?.usage?.limit).toBe(72 * MiB);
    expect(data?.pids?.limit).toBe(47);
  });

  conformance('fails on a stopped container', opts('events.not-running'), async () => {
    const c = await startRunning('evstopped');
    await cli().kill(c.id, 'SIGTERM');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    await expectRefusal(cli().stats(c.id));
  });
});

describe('events (stream)', () => {
  conformance('prints a stats event every interval', opts('events.stream'), async () => {
    const c = await startRunning('evstream');
    const stream = cli().events(c.id, { intervalMs: 100 });
    session().cleanup.defer('close the event stream', () => stream.close());
    await waitFor(() => stream.events.filter((e) => e.type === 'stats').length >= 3, {
      timeoutMs: 10_000,
      intervalMs: 20,
      describe: 'three stats events',
    });
    for (const e of stream.events) expect(e).toMatchObject({ type: 'stats', id: c.id });
    expect(stream.junk).toEqual([]);
  });

  conformance('ends once the container is deleted', opts('events.stream-ends'), async () => {
    const c = await startRunning('evends');
    const stream = cli().events(c.id, { intervalMs: 100 });
    session().cleanup.defer('close the event stream', () => stream.close());
    await waitFor(() => stream.events.length >= 1, {
      timeoutMs: 10_000,
      intervalMs: 20,
      describe: 'an event',
    });
    await cli().delete(c.id, { force: true });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'still streaming'>((res) => {
      timer = setTimeout(() => res('still streaming'), 10_000);
    });
    const ended = await Promise.race([stream.exited, late]).finally(() => clearTimeout(timer));
    expect(ended).toBe(0);
  });
});
