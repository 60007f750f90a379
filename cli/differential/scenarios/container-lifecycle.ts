import type { Scenario, ScenarioContext } from '../model/types.js';
import { CONTAINER_INSPECT, CONTAINER_LIST, EVENTS, EXEC_INSPECT } from './container-rules.js';
import { call, createContainer, idOf } from './step.js';

const ROLE = 'probe';
const c = (ctx: ScenarioContext) => `/containers/${ctx.name(ROLE)}`;

/** A probe container with Env, Labels, a command, mounts and limits. */
const probeContainer = (ctx: ScenarioContext) => {
  ctx.remember('since', String(Math.floor(Date.now() / 1000) - 1));
  ctx.track({ kind: 'volume', name: ctx.name('data') });
  return {
    Image: ctx.image,
    Cmd: ['sh', '-c', 'echo hello; stderr warn; exec sleep 600'],
    Env: ['SHIPSHAPE_DIFF=1', 'GREETING=hello world'],
    Labels: { 'org.shipshape.diff.run': ctx.token, 'org.shipshape.diff.role': ROLE },
    HostConfig: {
      RestartPolicy: { Name: 'no' },
      Memory: 64 * 1024 * 1024,
      Mounts: [
        { Type: 'volume', Source: ctx.name('data'), Target: '/data' },
        { Type: 'tmpfs', Target: '/scratch' },
      ],
    },
  };
};

const events = call('events', 'GET', '/events', {
  query: (ctx) => ({
    since: ctx.recall('since') ?? '0',
    until: String(Math.floor(Date.now() / 1000) + 1),
    filters: { container: [ctx.name(ROLE)] },
  }),
  // Podman now and then answers an empty list although the events are there: ask again
  retryWhile: (c) => c.status === 200 && (!Array.isArray(c.body) || c.body.length === 0),
  ...EVENTS,
});

/** create → inspect → start → inspect → top → list → exec → kill → wait → inspect → logs → remove → events. */
export const containerLifecycle: Scenario = {
  name: 'container-lifecycle',
  description: 'a probe container through its life, inspected at each stage',
  steps: [
    createContainer(ROLE, probeContainer),
    call('inspect-created', 'GET', (ctx) => `${c(ctx)}/json`, CONTAINER_INSPECT),
    call('start', 'POST', (ctx) => `${c(ctx)}/start`),
    call('inspect-running', 'GET', (ctx) => `${c(ctx)}/json`, CONTAINER_INSPECT),
    call('top', 'GET', (ctx) => `${c(ctx)}/top`, { byValue: ['/Titles'] }),
    call('list', 'GET', '/containers/json', {
      query: (ctx) => ({ all: '1', filters: { label: [`org.shipshape.diff.run=${ctx.token}`] } }),
      ...CONTAINER_LIST,
    }),
    call('exec-create', 'POST', (ctx) => `${c(ctx)}/exec`, {
      body: () => ({
        AttachStdout: true,
        AttachStderr: true,
        Cmd: ['/bin/probe', 'echo', 'in exec'],
        Env: ['IN_EXEC=1'],
      }),
      after: (ctx, _status, body) => {
        const id = idOf(body);
        if (id) ctx.remember('exec', id);
      },
    }),
    call('exec-inspect', 'GET', (ctx) => `/exec/${ctx.recall('exec') ?? 'none'}/json`, EXEC_INSPECT),
    call('kill', 'POST', (ctx) => `${c(ctx)}/kill`, { query: { signal: 'SIGKILL' } }),
    call('wait', 'POST', (ctx) => `${c(ctx)}/wait`, { byValue: ['/StatusCode', '/Error'] }),
    call('inspect-exited', 'GET', (ctx) => `${c(ctx)}/json`, CONTAINER_INSPECT),
    call('logs', 'GET', (ctx) => `${c(ctx)}/logs`, {
      query: { stdout: '1', stderr: '1' },
      decode: 'logs',
      byValue: ['/stdout', '/stderr'],
    }),
    call('remove', 'DELETE', (ctx) => c(ctx), { query: { v: '1' } }),
    events,
  ],
};
