import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyResult,
  checkHealthcheck,
  goDuration,
  limitOutput,
  MAX_OUTPUT_BYTES,
  probeSettings,
  startingHealth,
} from './health.js';
import { HealthMonitors, type ProbeOutcome } from './health-monitor.js';
import { mergeConfig } from './merge-config.js';
import type { ContainerRecord } from './types.js';

const MS = 1e6;

/** A probe outcome that arrives when the test says: the promise to hand the monitor, and its resolve. */
function pendingProbe(): { outcome: Promise<ProbeOutcome>; finish: (o: ProbeOutcome) => void } {
  let finish: (o: ProbeOutcome) => void = () => {};
  const outcome = new Promise<ProbeOutcome>((r) => {
    finish = r;
  });
  return { outcome, finish };
}

describe('probe settings', () => {
  it('CMD runs its arguments, CMD-SHELL goes through Config.Shell or /bin/sh -c', () => {
    expect(probeSettings({ Healthcheck: { Test: ['CMD', 'probe', 'exit', '0'] } })?.args).toEqual([
      'probe',
      'exit',
      '0',
    ]);
    expect(probeSettings({ Healthcheck: { Test: ['CMD-SHELL', 'exit 1'] } })?.args).toEqual([
      '/bin/sh',
      '-c',
      'exit 1',
    ]);
    expect(
      probeSettings({ Healthcheck: { Test: ['CMD-SHELL', 'x'] }, Shell: ['/bin/ash', '-e', '-c'] })?.args,
    ).toEqual(['/bin/ash', '-e', '-c', 'x']);
  });

  it('runs none for NONE, an empty Test, no healthcheck or an unknown type', () => {
    expect(probeSettings({ Healthcheck: { Test: ['NONE'] } })).toBeUndefined();
    expect(probeSettings({ Healthcheck: { Test: [] } })).toBeUndefined();
    expect(probeSettings({})).toBeUndefined();
    expect(probeSettings({ Healthcheck: { Test: ['HTTP', 'x'] } })).toBeUndefined();
  });

  it("takes dockerd's defaults for zero fields", () => {
    expect(probeSettings({ Healthcheck: { Test: ['CMD', 'x'], Interval: 0 } })).toMatchObject({
      intervalMs: 30_000,
      timeoutMs: 30_000,
      startPeriodMs: 0,
      retries: 3,
      timeoutText: '30s',
    });
    expect(
      probeSettings({
        Healthcheck: { Test: ['CMD', 'x'], Interval: 200 * MS, Timeout: 300 * MS, Retries: 2 },
      }),
    ).toMatchObject({ intervalMs: 200, timeoutMs: 300, retries: 2, timeoutText: '300ms' });
  });

  it("prints durations as Go's Duration.String", () => {
    expect([0, 999, 1500, 300 * MS, 1.5e9, 1e9, 90e9, 3.6e12, 3723.5e9].map(goDuration)).toEqual([
      '0s',
      '999ns',
      '1.5µs',
      '300ms',
      '1.5s',
      '1s',
      '1m30s',
      '1h0m0s',
      '1h2m3.5s',
    ]);
  });

  it('keeps the first 4096 bytes of the output, then ...', () => {
    expect(limitOutput([Buffer.from('a\n'), Buffer.from('b\n')])).toBe('a\nb\n');
    const long = limitOutput([Buffer.alloc(MAX_OUTPUT_BYTES + 10, 'x')]);
    expect(long).toHaveLength(MAX_OUTPUT_BYTES + 3);
    expect(long.endsWith('x...')).toBe(true);
  });

  it("merges the create body's Healthcheck over the image's field by field", () => {
    const image = { Cmd: ['x'], Healthcheck: { Test: ['CMD', 'true'], Interval: 5 * MS, Retries: 4 } };
    const merged = (h?: object) =>
      mergeConfig({ Image: 'i', Healthcheck: h }, image, 'a'.repeat(64)).Healthcheck;
    expect(merged()).toEqual(image.Healthcheck);
    expect(merged({ Test: ['NONE'] })).toEqual({ Test: ['NONE'], Interval: 5 * MS, Retries: 4 });
    expect(merged({ Interval: 7 * MS })).toEqual({ Test: ['CMD', 'true'], Interval: 7 * MS, Retries: 4 });
  });

  it('drops an empty Test and zero fields as Go omitempty does', () => {
    const merged = mergeConfig(
      { Image: 'i', Healthcheck: { Test: [], Interval: 0, Timeout: 2 * MS, StartPeriod: 0, Retries: 0 } },
      { Cmd: ['x'] },
      'a'.repeat(64),
    ).Healthcheck;
    expect(merged).toStrictEqual({ Timeout: 2 * MS });
  });
});

describe('create checks', () => {
  it.each([
    [{ Interval: 1 }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Interval: MS - 1 }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Interval: -MS }, 'Interval in Healthcheck cannot be less than 1ms'],
    [{ Timeout: 5 }, 'Timeout in Healthcheck cannot be less than 1ms'],
    [{ StartPeriod: 5 }, 'StartPeriod in Healthcheck cannot be less than 1ms'],
    [{ Retries: -1 }, 'Retries in Healthcheck cannot be negative'],
    [{ Retries: -1, Timeout: 1, Interval: 1 }, 'Interval in Healthcheck cannot be less than 1ms'],
  ])('refuses %j in dockerd words', (hc, message) => {
    expect(() => checkHealthcheck(hc)).toThrow(message);
  });

  it('takes 0 (the default), 1ms and more, and no healthcheck', () => {
    expect(() => checkHealthcheck({ Interval: 0, Timeout: MS, StartPeriod: 30e9, Retries: 0 })).not.toThrow();
    expect(() => checkHealthcheck(undefined)).not.toThrow();
  });
});

describe('results', () => {
  const started = '2026-01-01T00:00:00.000000000Z';
  const at = (ms: number, code: number) => {
    const t = new Date(Date.parse(started) + ms).toISOString();
    return { Start: t, End: t, ExitCode: code, Output: '' };
  };
  const rule = { retries: 3, startPeriodMs: 0, startedAt: started };

  it('exit 0 is healthy and resets the streak; Retries failures in a row make it unhealthy', () => {
    let h = startingHealth(undefined);
    h = applyResult(h, at(10, 1), rule);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 1 });
    h = applyResult(h, at(20, 0), rule);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    h = applyResult(h, at(30, 1), rule);
    h = applyResult(h, at(40, 2), rule);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 2 });
    h = applyResult(h, at(50, -1), rule);
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
    expect(h.Log.map((e) => e.ExitCode)).toEqual([1, 0, 1, 2, -1]);
  });

  it('keeps the last 5 results', () => {
    let h = startingHealth(undefined);
    for (let i = 0; i < 8; i++) h = applyResult(h, at(i, i), rule);
    expect(h.Log.map((e) => e.ExitCode)).toEqual([3, 4, 5, 6, 7]);
  });

  it('failures that begin within StartPeriod while starting do not count; after it they do', () => {
    const withPeriod = { ...rule, retries: 1, startPeriodMs: 1000 };
    let h = startingHealth(undefined);
    h = applyResult(h, at(500, 1), withPeriod);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    expect(h.Log).toHaveLength(1);
    h = applyResult(h, at(1000, 1), withPeriod);
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 1 });
  });

  it('a healthy container counts failures inside StartPeriod', () => {
    let h = applyResult(startingHealth(undefined), at(100, 0), { ...rule, startPeriodMs: 10_000 });
    h = applyResult(h, at(200, 1), { ...rule, retries: 1, startPeriodMs: 10_000 });
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 1 });
  });

  it('a new start is starting with the streak reset and the old log kept', () => {
    const old = { Status: 'unhealthy' as const, FailingStreak: 4, Log: [at(1, 1)] };
    expect(startingHealth(old)).toEqual({ Status: 'starting', FailingStreak: 0, Log: old.Log });
  });
});

describe('health monitors', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const record = (healthcheck: object): ContainerRecord =>
    ({
      id: 'c1',
      config: { Healthcheck: healthcheck },
      state: { status: 'running', pid: 1, startedAt: new Date().toISOString() },
    }) as unknown as ContainerRecord;

  function setup(outcomes: (ProbeOutcome | Promise<ProbeOutcome>)[]) {
    const calls: { args: readonly string[]; timeoutMs: number; signal: AbortSignal }[] = [];
    const events: string[] = [];
    const execEvents: string[] = [];
    const saves: number[] = [];
    let running = 0;
    let most = 0;
    const monitors = new HealthMonitors({
      run: async (_id, args, timeoutMs, signal) => {
        calls.push({ args, timeoutMs, signal });
        running++;
        most = Math.max(most, running);
        try {
          return await (outcomes.shift() ?? { exitCode: 0, output: '', timedOut: false });
        } finally {
          running--;
        }
      },
      save: async () => {
        saves.push(Date.now());
      },
      emit: (_r, action, extra) => {
        if (!action.startsWith('exec_')) events.push(action);
        else execEvents.push(`${action} ${extra?.exitCode ?? ''}`.trim());
      },
      alive: () => true,
    });
    return { monitors, calls, events, execEvents, saves, most: () => most };
  }

  it('probes every Interval, records results, emits health_status on changes only', async () => {
    const fail = { exitCode: 1, output: 'bad\n', timedOut: false };
    const { monitors, calls, events, execEvents } = setup([
      { exitCode: 0, output: 'ok\n', timedOut: false },
      { exitCode: 0, output: 'ok\n', timedOut: false },
      fail,
      fail,
    ]);
    const r = record({ Test: ['CMD-SHELL', 'check'], Interval: 200 * MS, Retries: 2 });
    monitors.start(r);
    expect(r.state.health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls[0]?.args).toEqual(['/bin/sh', '-c', 'check']);
    expect(r.state.health).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    expect(r.state.health?.Log[0]).toMatchObject({ ExitCode: 0, Output: 'ok\n' });
    await vi.advanceTimersByTimeAsync(600);
    expect(r.state.health).toMatchObject({ Status: 'unhealthy', FailingStreak: 2 });
    expect(events).toEqual(['health_status: healthy', 'health_status: unhealthy']);
    // Each probe is reported as dockerd reports an exec.
    expect(execEvents.slice(0, 3)).toEqual([
      'exec_create: /bin/sh -c check',
      'exec_start: /bin/sh -c check',
      'exec_die 0',
    ]);
    monitors.close();
  });

  it('a timed-out probe is a failure with exit code -1 and dockerd words; probes never overlap', async () => {
    const { outcome: slow, finish } = pendingProbe();
    const { monitors, calls, most } = setup([slow]);
    const r = record({ Test: ['CMD', 'sleep'], Interval: 100 * MS, Timeout: 300 * MS, Retries: 1 });
    monitors.start(r);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.timeoutMs).toBe(300);
    finish({ exitCode: 137, output: '', timedOut: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(r.state.health).toMatchObject({ Status: 'unhealthy', FailingStreak: 1 });
    expect(r.state.health?.Log[0]).toMatchObject({
      ExitCode: -1,
      Output: 'Health check exceeded timeout (300ms)',
    });
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toHaveLength(3);
    expect(most()).toBe(1);
    monitors.close();
  });

  it('stop aborts a running probe, drops its result and probes no more; NONE runs nothing', async () => {
    const { outcome, finish } = pendingProbe();
    const { monitors, calls } = setup([outcome]);
    const r = record({ Test: ['CMD', 'x'], Interval: 100 * MS });
    monitors.start(r);
    await vi.advanceTimersByTimeAsync(100);
    monitors.stop('c1');
    expect(calls[0]?.signal.aborted).toBe(true);
    finish({ exitCode: 1, output: '', timedOut: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(r.state.health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    expect(monitors.watching('c1')).toBe(false);

    const none = record({ Test: ['NONE'], Interval: 100 * MS });
    monitors.start(none);
    await vi.advanceTimersByTimeAsync(500);
    expect(none.state.health).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('a paused container is not probed until it runs again', async () => {
    const { monitors, calls } = setup([]);
    const r = record({ Test: ['CMD', 'x'], Interval: 100 * MS });
    r.state.status = 'paused';
    monitors.start(r);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(0);
    r.state.status = 'running';
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    expect(r.state.health?.Log).toHaveLength(1);
    monitors.close();
  });

  it('drops the result of a probe that ends once the container is paused', async () => {
    const { outcome, finish } = pendingProbe();
    const { monitors, calls } = setup([outcome]);
    const r = record({ Test: ['CMD', 'x'], Interval: 100 * MS });
    monitors.start(r);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(1);
    r.state.status = 'paused';
    finish({ exitCode: 1, output: '', timedOut: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(r.state.health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    monitors.close();
  });
});

describe('killTree', () => {
  it('kills a process and the children it forked', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync, readFileSync } = await import('node:fs');
    const { killTree } = await import('./health-exec.js');
    const sh = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore' });
    const pid = sh.pid as number;
    const children = (): number[] => {
      try {
        return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        return [];
      }
    };
    let kids: number[] = [];
    for (let i = 0; i < 100 && kids.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      kids = children();
    }
    expect(kids).toHaveLength(2);
    const exited = new Promise((r) => sh.once('exit', r));
    killTree(pid);
    await exited;
    const alive = (p: number) =>
      existsSync(`/proc/${p}`) && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${p}/stat`, 'utf8'));
    for (let i = 0; i < 100 && kids.some(alive); i++) await new Promise((r) => setTimeout(r, 20));
    expect(kids.filter(alive)).toEqual([]);
  });
});
