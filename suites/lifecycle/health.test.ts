import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { DockerApiClient } from '../../core/engines/docker-api/client.js';
import { pollFor } from '../../core/wait-for.js';
import type { EventMessage } from '../../spec/docker-api/system.js';
import { conformance, target, waitFor } from '../support/index.js';
import { useLifecycle } from './support/fixture.js';
import { RUN_ID, SUITE_LABEL, uniqueName } from './support/names.js';

// Healthchecks as dockerd 20.10 runs them (swagger v1.41: HealthConfig, Health, HealthcheckResult,
// ContainerState.Health, the ContainerList `health` filter, the SystemEvents `health_status` action).
// Every check is short: intervals and timeouts of a few hundred ms (HealthConfig durations are ns).

const { engine } = useLifecycle();
const MS = 1_000_000;
/** Every wait of this file: a probe every 200 ms needs far less, but the machine may be loaded. */
const WAIT = 15_000;
const LABEL = `io.shipshape.suite.lifecycle.health=${RUN_ID}`;

interface HealthResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}
interface Health {
  Status: string;
  FailingStreak: number;
  Log: HealthResult[];
}
interface HealthInspect {
  Config: { Healthcheck?: { Test?: string[] } };
  State: { Status: string; StartedAt: string; Health?: Health | null };
}
interface HealthCheck {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

let client: DockerApiClient | undefined;
const made: string[] = [];
beforeAll(() => {
  if (target().capabilities.includes('containers.healthcheck'))
    client = new DockerApiClient(target(), { timeoutMs: 30_000 });
});
afterEach(async () => {
  const ids = made.splice(0);
  await Promise.all(
    ids.map((id) =>
      docker()
        .containers.remove(id, { force: true })
        .catch(() => undefined),
    ),
  );
});
afterAll(() => client?.close());

const docker = (): DockerApiClient => {
  if (!client) throw new Error('no Docker-API client: the test should have been skipped');
  return client;
};

/** Creates a probe container running `sleep 120` with `healthcheck` (none when undefined); removed after the test. */
async function make(healthcheck: HealthCheck | undefined, image = engine.image): Promise<string> {
  const { Id } = await docker().containers.create(uniqueName('shipshape-lc-health'), {
    Image: image,
    Entrypoint: ['/bin/probe'],
    Cmd: ['sleep', '120'],
    Labels: { [SUITE_LABEL]: '1', 'io.shipshape.suite.lifecycle.health': RUN_ID },
    ...(healthcheck && { Healthcheck: healthcheck }),
    HostConfig: { NetworkMode: 'none' },
  } as never);
  const id = Id as string;
  made.push(id);
  return id;
}

async function run(healthcheck: HealthCheck | undefined, image?: string): Promise<string> {
  const id = await make(healthcheck, image);
  await docker().containers.start(id);
  return id;
}

const inspect = async (id: string) => (await docker().containers.inspect(id)) as unknown as HealthInspect;

/** Polls inspect until State.Health passes `ok`; returns that inspect. */
const waitHealth = (id: string, ok: (h: Health) => boolean, what: string) =>
  waitFor(
    async () => {
      const i = await inspect(id);
      return i.State.Health && ok(i.State.Health) ? i : undefined;
    },
    { timeoutMs: WAIT, intervalMs: 50, describe: `${id.slice(0, 12)}: ${what}` },
  );

/** Names of this file's containers listed with `filters` (all, stopped too). */
async function listed(filters: Record<string, string[]>): Promise<{ id: string; status: string }[]> {
  const found = await docker().containers.list({ all: true, filters: { ...filters, label: [LABEL] } });
  return found.map((c) => ({ id: c.Id ?? '', status: (c as { Status?: string }).Status ?? '' }));
}

const rfc3339Nano = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/;
const timeOf = (t: string) => Date.parse(t);
const needs = ['containers.healthcheck' as const];
const tags = ['lifecycle', 'health'];

describe('healthchecks', () => {
  conformance(
    'a passing CMD-SHELL check goes from starting to healthy, with its result in the log',
    {
      tags,
      needs,
      requirements: [
        'lifecycle:health.passing',
        'docker-api:ContainerCreate.Healthcheck',
        'docker-api:ContainerInspect.State.Health',
      ],
    },
    async () => {
      const id = await run({
        Test: ['CMD-SHELL', `echo out-${RUN_ID}; stderr err-${RUN_ID}`],
        Interval: 300 * MS,
        Timeout: 5_000 * MS,
        Retries: 3,
      });
      const first = await inspect(id);
      expect(first.State.Health).toMatchObject({ Status: 'starting', FailingStreak: 0 });
      const { State } = await waitHealth(id, (h) => h.Status === 'healthy', 'healthy');
      const health = State.Health as Health;
      expect(health.FailingStreak).toBe(0);
      const result = health.Log.at(-1) as HealthResult;
      expect(result.ExitCode).toBe(0);
      expect(result.Start).toMatch(rfc3339Nano);
      expect(result.End).toMatch(rfc3339Nano);
      expect(timeOf(result.End)).toBeGreaterThanOrEqual(timeOf(result.Start));
      expect(timeOf(result.Start)).toBeGreaterThanOrEqual(timeOf(State.StartedAt));
      // stdout and stderr of the probe, both kept (their order is not fixed).
      expect(result.Output).toContain(`out-${RUN_ID}\n`);
      expect(result.Output).toContain(`err-${RUN_ID}\n`);
    },
  );

  conformance(
    'a failing check turns unhealthy after Retries failures in a row; the log keeps the last 5 results',
    {
      tags,
      needs,
      requirements: [
        'lifecycle:health.retries',
        'lifecycle:health.log-5',
        'docker-api:ContainerInspect.State.Health',
      ],
    },
    async () => {
      const id = await run({
        Test: ['CMD-SHELL', `echo bad-${RUN_ID}; exit 3`],
        Interval: 200 * MS,
        Retries: 3,
      });
      const seen: { status: string; streak: number }[] = [];
      const { State } = await waitHealth(
        id,
        (h) => {
          seen.push({ status: h.Status, streak: h.FailingStreak });
          return h.FailingStreak >= 7;
        },
        'seven failures',
      );
      // Below Retries it is still starting; from the third failure on it is unhealthy.
      for (const s of seen)
        expect(s).toEqual({ status: s.streak >= 3 ? 'unhealthy' : 'starting', streak: s.streak });
      expect(seen.some((s) => s.streak > 0 && s.streak < 3)).toBe(true);
      const health = State.Health as Health;
      expect(health.Status).toBe('unhealthy');
      expect(health.Log).toHaveLength(5);
      for (const r of health.Log) expect(r).toMatchObject({ ExitCode: 3, Output: `bad-${RUN_ID}\n` });
      const starts = health.Log.map((r) => timeOf(r.Start));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    },
  );

  conformance(
    'a check that runs longer than Timeout is a failure with exit code -1',
    { tags, needs, requirements: ['lifecycle:health.timeout', 'docker-api:ContainerInspect.State.Health'] },
    async () => {
      const id = await run({
        Test: ['CMD-SHELL', 'sleep 10'],
        Interval: 200 * MS,
        Timeout: 300 * MS,
        Retries: 1,
      });
      const { State } = await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy');
      const result = (State.Health as Health).Log[0] as HealthResult;
      expect(result).toMatchObject({ ExitCode: -1, Output: 'Health check exceeded timeout (300ms)' });
      const took = timeOf(result.End) - timeOf(result.Start);
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took, 'the result came long after the timeout').toBeLessThan(5_000);
    },
  );

  conformance(
    'failures that begin within StartPeriod do not count toward Retries; later ones do',
    {
      tags,
      needs,
      requirements: ['lifecycle:health.start-period', 'docker-api:ContainerInspect.State.Health'],
    },
    async () => {
      const period = 1_500;
      const id = await run({
        Test: ['CMD-SHELL', 'exit 1'],
        Interval: 200 * MS,
        Retries: 1,
        StartPeriod: period * MS,
      });
      // With Retries 1 the first counted failure makes it unhealthy: two failures while still starting
      // show that those inside the start period were not counted.
      const early = await waitHealth(id, (h) => h.Log.length >= 2 || h.Status !== 'starting', 'two failures');
      expect(early.State.Health).toMatchObject({ Status: 'starting', FailingStreak: 0 });
      const { State } = await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy');
      const health = State.Health as Health;
      const counted = health.Log.filter((r) => timeOf(r.Start) - timeOf(State.StartedAt) >= period);
      expect(counted.length).toBeGreaterThanOrEqual(1);
      // Each failure since the period ended counted (the log holds them all while the streak is short).
      if (health.FailingStreak < 5) expect(health.FailingStreak).toBe(counted.length);
    },
  );

  conformance(
    "Test NONE disables the image's healthcheck: no State.Health; without it the image's check runs",
    {
      tags,
      needs,
      requirements: [
        'lifecycle:health.none',
        'docker-api:ContainerCreate.Healthcheck',
        'docker-api:ImageCommit',
      ],
    },
    async () => {
      const base = await make({ Test: ['CMD-SHELL', 'exit 0'], Interval: 200 * MS });
      const repo = uniqueName('shipshape-lc-health/with-check');
      // An empty config body: the image takes the container's config, its Healthcheck with it.
      const res = await docker().raw('POST', '/commit', {
        query: { container: base, repo, tag: 'latest' },
        body: {},
      });
      expect(res.status, res.text()).toBe(201);
      const image = (res.json() as { Id: string }).Id;
      try {
        const disabled = await run({ Test: ['NONE'] }, image);
        const inherits = await run(undefined, image);
        await waitHealth(inherits, (h) => h.Status === 'healthy', "the image's check to pass");
        const off = await inspect(disabled);
        expect(off.Config.Healthcheck?.Test).toEqual(['NONE']);
        expect(off.State.Health ?? undefined).toBeUndefined();
        expect((await listed({ health: ['none'] })).map((c) => c.id)).toContain(disabled);
        expect((await listed({ health: ['healthy'] })).map((c) => c.id)).toEqual([inherits]);
      } finally {
        await Promise.all(made.splice(0).map((id) => docker().containers.remove(id, { force: true })));
        await docker().raw('DELETE', `/images/${image}?force=1`);
      }
    },
  );

  conformance(
    'the health list filter and the Status column show starting, healthy, unhealthy and none',
    {
      tags,
      needs,
      requirements: [
        'lifecycle:health.list',
        'docker-api:ContainerList.health',
        'docker-api:ContainerList.Status',
      ],
    },
    async () => {
      const healthy = await run({ Test: ['CMD-SHELL', 'exit 0'], Interval: 200 * MS });
      const unhealthy = await run({ Test: ['CMD-SHELL', 'exit 1'], Interval: 200 * MS, Retries: 1 });
      const starting = await run({ Test: ['CMD-SHELL', 'exit 0'], Interval: 600_000 * MS });
      const none = await run(undefined);
      await waitHealth(healthy, (h) => h.Status === 'healthy', 'healthy');
      await waitHealth(unhealthy, (h) => h.Status === 'unhealthy', 'unhealthy');
      const expected = { healthy, unhealthy, starting, none };
      for (const [status, id] of Object.entries(expected))
        expect({ status, ids: (await listed({ health: [status] })).map((c) => c.id) }).toEqual({
          status,
          ids: [id],
        });
      const statusOf = new Map((await listed({})).map((c) => [c.id, c.status]));
      expect(statusOf.get(healthy)).toMatch(/^Up .+ \(healthy\)$/);
      expect(statusOf.get(unhealthy)).toMatch(/^Up .+ \(unhealthy\)$/);
      expect(statusOf.get(starting)).toMatch(/^Up .+ \(health: starting\)$/);
      expect(statusOf.get(none)).toMatch(/^Up [^()]+$/);
    },
  );

  conformance(
    'each change of health status is an event health_status: healthy / unhealthy',
    {
      tags,
      needs,
      requirements: ['lifecycle:health.events', 'docker-api:SystemEvents.health_status'],
    },
    async () => {
      const id = await make({ Test: ['CMD-SHELL', 'probe read /tmp/ok'], Interval: 200 * MS, Retries: 1 });
      const stream = await docker().events({ filters: { container: [id], type: ['container'] } });
      const actions: string[] = [];
      const reading = (async () => {
        for await (const ev of stream as AsyncIterable<EventMessage>) actions.push(ev.Action ?? '');
      })().catch(() => undefined);
      try {
        await docker().containers.start(id);
        await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy (no /tmp/ok)');
        expect((await engine.exec(id, ['write', '/tmp/ok', 'yes'])).exitCode).toBe(0);
        await waitHealth(id, (h) => h.Status === 'healthy', 'healthy (with /tmp/ok)');
        expect((await engine.exec(id, ['rm', '/tmp/ok'])).exitCode).toBe(0);
        await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy again');
        const health = () => actions.filter((a) => a.startsWith('health_status'));
        await waitFor(() => health().length >= 3 || undefined, {
          timeoutMs: WAIT,
          describe: 'three health_status events',
        });
        expect(health()).toEqual([
          'health_status: unhealthy',
          'health_status: healthy',
          'health_status: unhealthy',
        ]);
      } finally {
        stream.abort();
        await reading;
      }
    },
  );

  conformance(
    'stop keeps State.Health as it was and probes no more; a new start is starting again, the log kept',
    {
      tags,
      needs,
      requirements: ['lifecycle:health.stop-start', 'docker-api:ContainerInspect.State.Health'],
    },
    async () => {
      const id = await run({ Test: ['CMD-SHELL', 'exit 1'], Interval: 400 * MS, Retries: 2 });
      await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy');
      await docker().containers.stop(id, { t: 0 });
      const stopped = await inspect(id);
      expect(stopped.State.Status).toBe('exited');
      const kept = stopped.State.Health as Health;
      expect(kept.Status).toBe('unhealthy');
      expect(kept.FailingStreak).toBeGreaterThanOrEqual(2);
      // No probe runs on a stopped container: the health stays as it is over three intervals.
      await pollFor(
        async () => {
          expect((await inspect(id)).State.Health).toEqual(kept);
          return false;
        },
        { timeoutMs: 1_200, intervalMs: 200, describe: 'the health to stay', retry: () => false },
      );
      expect((await listed({ health: ['unhealthy'] })).map((c) => c.id)).toEqual([id]);
      const row = (await listed({})).find((c) => c.id === id);
      expect(row?.status).toMatch(/^Exited \(137\) [^()]+ ago$/);
      await docker().containers.start(id);
      const again = (await inspect(id)).State.Health as Health;
      expect(again).toMatchObject({ Status: 'starting', FailingStreak: 0 });
      expect(again.Log).toEqual(kept.Log);
      await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy after the new start');
    },
  );

  conformance(
    'a paused container is not probed: its health stays while paused and the probes go on after unpause',
    {
      tags,
      needs: [...needs, 'pause'],
      requirements: ['lifecycle:health.pause', 'docker-api:ContainerPause', 'docker-api:ContainerUnpause'],
    },
    async () => {
      const id = await run({ Test: ['CMD-SHELL', 'exit 1'], Interval: 200 * MS, Retries: 2 });
      await waitHealth(id, (h) => h.Status === 'unhealthy', 'unhealthy');
      await docker().containers.pause(id);
      const kept = (await inspect(id)).State.Health as Health;
      await pollFor(
        async () => {
          expect((await inspect(id)).State.Health).toEqual(kept);
          return false;
        },
        { timeoutMs: 1_000, intervalMs: 200, describe: 'the health to stay', retry: () => false },
      );
      const row = (await listed({})).find((c) => c.id === id);
      expect(row?.status).toMatch(/^Up .+ \(Paused\)$/);
      await docker().containers.unpause(id);
      // dockerd 20.10 does not start over at an unpause: still unhealthy, and the streak goes on growing.
      expect((await inspect(id)).State.Health?.Status).toBe('unhealthy');
      await waitHealth(id, (h) => h.FailingStreak > kept.FailingStreak, 'a probe after the unpause');
    },
  );
});
