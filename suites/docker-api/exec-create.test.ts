import { beforeAll, describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, suiteContext, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const create = { tags: ['exec'], requirements: ['docker-api:ContainerExec'], needs: ['exec' as const] };
const inspectReq = { tags: ['exec'], requirements: ['docker-api:ExecInspect'], needs: ['exec' as const] };
let running = '';
let stopped = '';

beforeAll(async () => {
  running = (await fileContainer(true, withCmd('sleep', '120'), withNetworkMode('none'))).id;
  stopped = (await fileContainer(false, withCmd('exit', '0'), withNetworkMode('none'))).id;
});

describe('ContainerExec (create)', () => {
  conformance('answers 201 with an IdResponse', create, async () => {
    const res = await ctx.client.raw('POST', `/containers/${running}/exec`, {
      body: { Cmd: ['exit', '0'], AttachStdout: true },
    });
    expect(res.status).toBe(201);
    expectValid('IdResponse', res.json());
  });

  conformance('an unknown container answers 404 with an ErrorResponse', create, async () => {
    const res = await ctx.client.raw('POST', `/containers/${ctx.uniqueName('absent')}/exec`, {
      body: { Cmd: ['exit', '0'] },
    });
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });

  conformance('a container that is not running answers 409 with an ErrorResponse', create, async () => {
    const res = await ctx.client.raw('POST', `/containers/${stopped}/exec`, { body: { Cmd: ['exit', '0'] } });
    expect(res.status).toBe(409);
    expectValid('ErrorResponse', res.json());
  });

  conformance('a paused container answers 409', { ...create, needs: ['exec', 'pause'] }, async () => {
    const { id } = await fileContainer(true, withCmd('sleep', '120'), withNetworkMode('none'));
    await ctx.client.containers.pause(id);
    expect(await engineStatus(ctx.client.exec.create(id, { Cmd: ['exit', '0'] }))).toBe(409);
    await ctx.client.containers.unpause(id);
  });
});

describe('ExecInspect', () => {
  conformance(
    'before start: the schema, not running, ProcessConfig echoes the command',
    inspectReq,
    async () => {
      const { Id } = await ctx.client.exec.create(running, {
        Cmd: ['/bin/probe', 'echo', 'a', 'b'],
        AttachStdout: true,
        AttachStderr: true,
        User: '1000',
      });
      const inspect = await ctx.client.exec.inspect(Id);
      expectValid('ExecInspect', inspect);
      expect(inspect.ID).toBe(Id);
      expect(inspect.ContainerID).toBe(running);
      expect(inspect.Running).toBe(false);
      expect(inspect.ProcessConfig?.entrypoint).toBe('/bin/probe');
      expect(inspect.ProcessConfig?.arguments).toEqual(['echo', 'a', 'b']);
      expect(inspect.ProcessConfig?.user).toBe('1000');
      expect(inspect.ProcessConfig?.tty).toBe(false);
    },
  );

  conformance('OpenStdout/OpenStderr/OpenStdin follow the Attach* flags', inspectReq, async () => {
    const { Id } = await ctx.client.exec.create(running, {
      Cmd: ['exit', '0'],
      AttachStdin: true,
      AttachStdout: false,
      AttachStderr: true,
    });
    const inspect = await ctx.client.exec.inspect(Id);
    expect([inspect.OpenStdin, inspect.OpenStdout, inspect.OpenStderr]).toEqual([true, false, true]);
  });

  conformance('an unknown exec answers 404', inspectReq, async () => {
    const res = await ctx.client.raw('GET', `/exec/${'0'.repeat(64)}/json`);
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });

  conformance('the container lists the exec in ExecIDs while it exists', inspectReq, async () => {
    const { Id } = await ctx.client.exec.create(running, { Cmd: ['exit', '0'] });
    expect((await ctx.client.containers.inspect(running)).ExecIDs).toContain(Id);
  });
});
