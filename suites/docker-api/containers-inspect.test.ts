import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import {
  createContainer,
  engineStatus,
  runSigwait,
  runToExit,
  suiteContext,
  withCmd,
  withEnv,
} from './support/index.js';

const ctx = suiteContext();
const inspect = { tags: ['containers', 'inspect'], requirements: ['docker-api:ContainerInspect'] };
const top = { tags: ['containers', 'top'], requirements: ['docker-api:ContainerTop'] };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

describe('ContainerInspect', () => {
  conformance('a created container has the documented shape', inspect, async () => {
    const { id, name } = await createContainer(ctx, withCmd('echo', 'hi'), withEnv('A=b'));
    const doc = await ctx.client.containers.inspect(id);
    expectValid('ContainerInspect', doc);
    expect(doc.Id).toBe(id);
    expect(doc.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.Name).toBe(`/${name}`);
    expect(doc.Created).toMatch(ISO);
    expect(doc.Path).toBe('/bin/probe');
    expect(doc.Args).toEqual(['echo', 'hi']);
    expect(doc.Image).toBe(ctx.imageId);
    expect(doc.State).toMatchObject({
      Status: 'created',
      Running: false,
      Paused: false,
      Pid: 0,
      ExitCode: 0,
    });
    expect(doc.Config).toMatchObject({ Image: ctx.image, Cmd: ['echo', 'hi'], Entrypoint: ['/bin/probe'] });
    expect(doc.Config?.Env).toContain('A=b');
    expect(typeof doc.HostConfig).toBe('object');
    expect(typeof doc.NetworkSettings).toBe('object');
    expect(Array.isArray(doc.Mounts)).toBe(true);
    expect(doc.RestartCount).toBe(0);
  });

  conformance('a running container has a Pid and StartedAt', inspect, async () => {
    const { id } = await runSigwait(ctx);
    const doc = await ctx.client.containers.inspect(id);
    expect(doc.State).toMatchObject({ Status: 'running', Running: true, Paused: false });
    expect(doc.State?.Pid).toBeGreaterThan(0);
    expect(doc.State?.StartedAt).toMatch(ISO);
    expect(Date.parse(doc.State?.StartedAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
  });

  conformance('an exited container has its exit code and a FinishedAt', inspect, async () => {
    const { id } = await runToExit(ctx, [withCmd('exit', '42')]);
    const doc = await ctx.client.containers.inspect(id);
    expect(doc.State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 42, Pid: 0 });
    // FinishedAt comes from the exit event and may precede StartedAt by a few ms for a process this short.
    expect(doc.State?.FinishedAt).toMatch(ISO);
    expect(Date.parse(doc.State?.FinishedAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
  });

  conformance('a container is found by name, id and unique id prefix', inspect, async () => {
    const { id, name } = await createContainer(ctx);
    for (const key of [name, id, id.slice(0, 12)]) {
      expect((await ctx.client.containers.inspect(key)).Id).toBe(id);
    }
  });

  conformance('size=1 adds SizeRw and SizeRootFs', inspect, async () => {
    const { id } = await runToExit(ctx, [withCmd('write', '/tmp/ten', '0123456789')]);
    const doc = await ctx.client.containers.inspect(id, { size: true });
    expect(doc.SizeRw).toBeGreaterThanOrEqual(10);
    expect(doc.SizeRootFs).toBeGreaterThan(0);
  });
});

describe('ContainerTop', () => {
  conformance('lists the container processes with titles', top, async () => {
    const { id } = await runSigwait(ctx);
    const res = await ctx.client.containers.top(id);
    expectValid('ContainerTopResponse', res);
    const titles = res.Titles ?? [];
    expect(titles).toEqual(expect.arrayContaining(['PID']));
    const cmd = titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
    expect(cmd).toBeGreaterThanOrEqual(0);
    const pid = String((await ctx.client.containers.inspect(id)).State?.Pid);
    const rows = res.Processes ?? [];
    expect(rows.some((row) => row[titles.indexOf('PID')] === pid)).toBe(true);
    expect(rows.some((row) => (row[cmd] ?? '').includes('sigwait'))).toBe(true);
  });

  conformance('ps_args choose the columns', top, async () => {
    const { id } = await runSigwait(ctx);
    const res = await ctx.client.containers.top(id, '-o pid,comm');
    expect(res.Titles).toEqual(['PID', 'COMMAND']);
    expect(res.Processes?.[0]?.[1]).toBe('probe');
  });

  conformance('a container that is not running answers 409', top, async () => {
    const { id } = await createContainer(ctx);
    expect(await engineStatus(ctx.client.containers.top(id))).toBe(409);
  });
});
