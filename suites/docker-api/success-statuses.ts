import { randomUUID } from 'node:crypto';
import type { TestContext } from 'vitest';
import type { Capability } from '../../core/engines/types.js';
import { tarBuffer } from '../../core/tar/index.js';
import { dockerArchiveTar, readProbeBinary } from '../../fixtures/images/index.js';
import { waitFor } from '../support/index.js';
import { buildContextTar, probeRootfsTar, removeAfterTest } from './image-sources.js';
import { loadArchive, probeVariant, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { createInternalNetwork, removeNetworkQuietly } from './networks-fixtures.js';
import { LOCAL_REGISTRY, NO_AUTH_HEADER, pushVariant, skipWithoutRegistry } from './registry-fixtures.js';
import type { HttpMethod } from './requirements.js';
import {
  buildSpec,
  type CreateOption,
  createBody,
  createContainer,
  runContainer,
  runToExit,
  type SuiteContext,
  withCmd,
  withNetworkMode,
  withTty,
} from './support/index.js';
import { websocketKey } from './websocket-frames.js';

// One row per operation the docker-api suite exercises: its method and path template, the success status
// swagger v1.41 documents for it (responses of that operationId), and a setup that makes what the call
// needs. success-status.test.ts sends each call and checks the status; it also keeps this table in step
// with the requirement table and, where the swagger is on the machine, with the swagger itself.

/** What one call sends: values for the path template, query, body, headers, and the upgrade it asks for. */
export interface SuccessCall {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A hijacking call: the `Upgrade` protocol asked for (the answer is read from the raw connection). */
  readonly upgrade?: 'tcp' | 'websocket' | 'h2c';
}

export interface SuccessRow {
  /** The swagger operationId. */
  readonly op: string;
  readonly method: HttpMethod;
  /** The swagger path template, without the version prefix. */
  readonly path: string;
  /** The success status the swagger documents for this call (for upgrades, 101). */
  readonly status: number;
  readonly needs?: readonly Capability[];
  /** Makes the objects the call needs (removed after the test) and says what to send. */
  readonly setup?: (ctx: SuiteContext, t: TestContext) => Promise<SuccessCall>;
}

const none = withNetworkMode('none');

/** A container of ours, created but not started. */
const created = async (ctx: SuiteContext, ...opts: CreateOption[]) =>
  (await createContainer(ctx, none, withCmd('sleep', '120'), ...opts)).id;
/** A running container of ours (`probe sleep 120`). */
const running = async (ctx: SuiteContext, ...opts: CreateOption[]) =>
  (await runContainer(ctx, none, withCmd('sleep', '120'), ...opts)).id;
/** A container of ours that ran `probe exit 0` to its end. */
const exited = async (ctx: SuiteContext) => (await runToExit(ctx, [none, withCmd('exit', '0')])).id;
const paused = async (ctx: SuiteContext) => {
  const id = await running(ctx);
  const res = await ctx.client.raw('POST', `/containers/${id}/pause`);
  if (res.status !== 204) throw new Error(`pausing ${id} answered ${res.status}: ${res.text()}`);
  return id;
};

/** Filters that match only objects carrying this file's run label. */
const ours = (ctx: SuiteContext, extra: Record<string, string[]> = {}) => ({
  filters: JSON.stringify({ label: [`${Object.keys(ctx.runLabels)[0]}=${ctx.runId}`], ...extra }),
});

/** A fresh `repo:tag` of the suite image, untagged after the test. */
async function extraTag(ctx: SuiteContext): Promise<string> {
  const repo = uniqueRepo('status');
  await ctx.client.images.tag(ctx.image, repo, 'v1');
  ctx.defer(() => removeImageQuietly(ctx.client, `${repo}:v1`));
  return `${repo}:v1`;
}

async function volume(ctx: SuiteContext): Promise<string> {
  const { Name } = await ctx.client.volumes.create({ Name: ctx.uniqueName('vol'), Labels: ctx.runLabels });
  ctx.defer(() => ctx.client.volumes.remove(Name, { force: true }));
  return Name;
}

async function network(ctx: SuiteContext) {
  const net = await createInternalNetwork(ctx.client, ctx.uniqueName('net'), ctx.runLabels);
  ctx.defer(() => removeNetworkQuietly(ctx.client, net.id));
  return net;
}

/** Two networks of ours and a running container on the first, as NetworkConnect needs them. */
async function containerAndNetwork(ctx: SuiteContext) {
  const home = await network(ctx);
  const extra = await network(ctx);
  const id = await running(ctx, withNetworkMode(home.name));
  ctx.defer(() => ctx.client.raw('POST', `/networks/${extra.id}/disconnect`, { body: { Container: id } }));
  return { id, extra };
}

/** An exec of ours in a new running container, created (not started). */
async function exec(ctx: SuiteContext, tty = false): Promise<string> {
  const id = await running(ctx);
  const cmd = tty ? ['/bin/probe', 'sleep', '60'] : ['/bin/probe', 'exit', '0'];
  return (await ctx.client.exec.create(id, { Cmd: cmd, Tty: tty, AttachStdout: true })).Id;
}

/** A loaded probe variant tagged for the local registry (image and registry manifest removed after). */
async function forPush(ctx: SuiteContext, t: TestContext): Promise<string> {
  await skipWithoutRegistry(t);
  const name = `shipshape-docker-api/${ctx.runId}-status`;
  const repo = `${LOCAL_REGISTRY}/${name}`;
  const variant = await probeVariant({ labels: { 'io.shipshape.push': `${ctx.runId}-status` } });
  await loadArchive(ctx.client, variant, [`${repo}:v1`]);
  ctx.defer(() => removeImageQuietly(ctx.client, variant.id));
  ctx.defer(async () => {
    const url = `http://${LOCAL_REGISTRY}/v2/${name}/manifests/v1`;
    const accept = 'application/vnd.docker.distribution.manifest.v2+json';
    const head = await fetch(url, { method: 'HEAD', headers: { Accept: accept } });
    const digest = head.headers.get('docker-content-digest');
    if (digest) await fetch(`http://${LOCAL_REGISTRY}/v2/${name}/manifests/${digest}`, { method: 'DELETE' });
  });
  return repo;
}

const row = (
  op: string,
  method: HttpMethod,
  path: string,
  status: number,
  setup?: SuccessRow['setup'],
  needs?: readonly Capability[],
): SuccessRow => ({ op, method, path, status, ...(setup && { setup }), ...(needs && { needs }) });

const containers: Capability[] = ['containers'];

/** Every OPERATION of the requirement table, in its order. */
export const SUCCESS_ROWS: readonly SuccessRow[] = [
  row('ContainerList', 'GET', '/containers/json', 200, async () => ({ query: { all: '1', limit: '1' } })),
  row('ContainerCreate', 'POST', '/containers/create', 201, async (ctx) => {
    const spec = buildSpec(ctx, none, withCmd('exit', '0'));
    ctx.track(spec.name);
    return { query: { name: spec.name }, body: createBody(spec) };
  }),
  row('ContainerInspect', 'GET', '/containers/{id}/json', 200, async (ctx) => ({
    params: { id: await created(ctx) },
  })),
  row('ContainerTop', 'GET', '/containers/{id}/top', 200, async (ctx) => ({
    params: { id: await running(ctx) },
  })),
  row('ContainerLogs', 'GET', '/containers/{id}/logs', 200, async (ctx) => ({
    params: { id: await exited(ctx) },
    query: { stdout: '1', stderr: '1' },
  })),
  row('ContainerChanges', 'GET', '/containers/{id}/changes', 200, async (ctx) => ({
    params: { id: await running(ctx) },
  })),
  row('ContainerExport', 'GET', '/containers/{id}/export', 200, async (ctx) => ({
    params: { id: await exited(ctx) },
  })),
  row('ContainerStats', 'GET', '/containers/{id}/stats', 200, async (ctx) => ({
    params: { id: await running(ctx) },
    query: { stream: '0' },
  })),
  row('ContainerResize', 'POST', '/containers/{id}/resize', 200, async (ctx) => ({
    params: { id: await running(ctx, withTty()) },
    query: { h: '30', w: '100' },
  })),
  row('ContainerStart', 'POST', '/containers/{id}/start', 204, async (ctx) => ({
    params: { id: await created(ctx) },
  })),
  row('ContainerStop', 'POST', '/containers/{id}/stop', 204, async (ctx) => ({
    params: { id: await running(ctx) },
    query: { t: '1' },
  })),
  row('ContainerRestart', 'POST', '/containers/{id}/restart', 204, async (ctx) => ({
    params: { id: await running(ctx) },
    query: { t: '1' },
  })),
  row('ContainerKill', 'POST', '/containers/{id}/kill', 204, async (ctx) => ({
    params: { id: await running(ctx) },
  })),
  row('ContainerUpdate', 'POST', '/containers/{id}/update', 200, async (ctx) => ({
    params: { id: await running(ctx) },
    body: { CpuShares: 512 },
  })),
  row('ContainerRename', 'POST', '/containers/{id}/rename', 204, async (ctx) => {
    const name = ctx.uniqueName('renamed');
    ctx.track(name);
    return { params: { id: await created(ctx) }, query: { name } };
  }),
  row(
    'ContainerPause',
    'POST',
    '/containers/{id}/pause',
    204,
    async (ctx) => ({ params: { id: await running(ctx) } }),
    ['pause'],
  ),
  row(
    'ContainerUnpause',
    'POST',
    '/containers/{id}/unpause',
    204,
    async (ctx) => ({ params: { id: await paused(ctx) } }),
    ['pause'],
  ),
  row('ContainerAttach', 'POST', '/containers/{id}/attach', 101, async (ctx) => ({
    params: { id: await running(ctx) },
    query: { stream: '1', stdout: '1', stderr: '1' },
    upgrade: 'tcp',
  })),
  row('ContainerAttachWebsocket', 'GET', '/containers/{id}/attach/ws', 101, async (ctx) => ({
    params: { id: await running(ctx) },
    query: { stream: '1', stdout: '1' },
    headers: {
      'Sec-WebSocket-Key': websocketKey(),
      'Sec-WebSocket-Version': '13',
      Origin: 'http://localhost',
    },
    upgrade: 'websocket',
  })),
  row('ContainerWait', 'POST', '/containers/{id}/wait', 200, async (ctx) => ({
    params: { id: (await runContainer(ctx, none, withCmd('exit', '0'))).id },
    query: { condition: 'not-running' },
  })),
  row('ContainerDelete', 'DELETE', '/containers/{id}', 204, async (ctx) => ({
    params: { id: await exited(ctx) },
  })),
  row('ContainerArchiveInfo', 'HEAD', '/containers/{id}/archive', 200, async (ctx) => ({
    params: { id: await created(ctx) },
    query: { path: '/bin/probe' },
  })),
  row('ContainerArchive', 'GET', '/containers/{id}/archive', 200, async (ctx) => ({
    params: { id: await created(ctx) },
    query: { path: '/bin/sh' },
  })),
  row('PutContainerArchive', 'PUT', '/containers/{id}/archive', 200, async (ctx) => ({
    params: { id: await created(ctx) },
    query: { path: '/' },
    body: await tarBuffer([{ name: `put-${ctx.runId}`, content: 'put\n' }]),
    headers: { 'Content-Type': 'application/x-tar' },
  })),
  row('ContainerPrune', 'POST', '/containers/prune', 200, async (ctx) => ({ query: ours(ctx) }), containers),
  row('ImageList', 'GET', '/images/json', 200),
  row('ImageBuild', 'POST', '/build', 200, async (ctx) => {
    const t = `${uniqueRepo('status-build')}:v1`;
    removeAfterTest(ctx, t);
    const context = await buildContextTar('FROM scratch\nCOPY probe /bin/probe\nCMD ["/bin/probe"]\n', {
      probe: await readProbeBinary(),
    });
    return {
      query: { t, networkmode: 'none', rm: '1', forcerm: '1' },
      body: context,
      headers: { 'Content-Type': 'application/x-tar' },
    };
  }),
  row('BuildPrune', 'POST', '/build/prune', 200, async (ctx) => ({
    query: { filters: JSON.stringify({ id: [`shipshape-${ctx.runId}-no-such-record`] }) },
  })),
  row('ImageCreate', 'POST', '/images/create', 200, async (ctx) => {
    const repo = uniqueRepo('status-import');
    removeAfterTest(ctx, `${repo}:v1`);
    removeAfterTest(ctx, repo); // an engine that ignores `tag` on import names it repo:latest
    return {
      query: { fromSrc: '-', repo, tag: 'v1' },
      body: await probeRootfsTar(),
      headers: { 'Content-Type': 'application/x-tar' },
    };
  }),
  row('ImageInspect', 'GET', '/images/{name}/json', 200, async (ctx) => ({ params: { name: ctx.image } })),
  row('ImageHistory', 'GET', '/images/{name}/history', 200, async (ctx) => ({ params: { name: ctx.image } })),
  row('ImagePush', 'POST', '/images/{name}/push', 200, async (ctx, t) => ({
    params: { name: await forPush(ctx, t) },
    query: { tag: 'v1' },
    headers: NO_AUTH_HEADER,
  })),
  row('ImageTag', 'POST', '/images/{name}/tag', 201, async (ctx) => {
    const repo = uniqueRepo('status-tag');
    ctx.defer(() => removeImageQuietly(ctx.client, `${repo}:v1`));
    return { params: { name: ctx.image }, query: { repo, tag: 'v1' } };
  }),
  row('ImageDelete', 'DELETE', '/images/{name}', 200, async (ctx) => ({
    params: { name: await extraTag(ctx) },
  })),
  row('ImagePrune', 'POST', '/images/prune', 200, async (ctx) => ({ query: ours(ctx) })),
  row('SystemAuth', 'POST', '/auth', 200, async (ctx, t) => {
    await skipWithoutRegistry(t);
    return { body: { serveraddress: LOCAL_REGISTRY, username: 'shipshape', password: ctx.runId } };
  }),
  row('SystemInfo', 'GET', '/info', 200),
  row('SystemVersion', 'GET', '/version', 200),
  row('SystemPing', 'GET', '/_ping', 200),
  row('SystemPingHead', 'HEAD', '/_ping', 200),
  row('ImageCommit', 'POST', '/commit', 201, async (ctx) => {
    const repo = uniqueRepo('status-commit');
    removeAfterTest(ctx, `${repo}:v1`);
    return { query: { container: await exited(ctx), repo, tag: 'v1' }, body: {} };
  }),
  row('SystemEvents', 'GET', '/events', 200, async () => {
    const now = Math.floor(Date.now() / 1000);
    return { query: { since: String(now - 5), until: String(now) } };
  }),
  row('SystemDataUsage', 'GET', '/system/df', 200),
  row('ImageGet', 'GET', '/images/{name}/get', 200, async (ctx) => ({ params: { name: ctx.image } })),
  row('ImageGetAll', 'GET', '/images/get', 200, async (ctx) => ({ query: { names: ctx.image } })),
  row('ImageLoad', 'POST', '/images/load', 200, async (ctx) => {
    const variant = await probeVariant({ labels: { 'io.shipshape.status': ctx.runId } });
    const ref = `${uniqueRepo('status-load')}:v1`;
    ctx.defer(() => removeImageQuietly(ctx.client, variant.id));
    return {
      query: { quiet: '1' },
      body: await dockerArchiveTar(variant, { refs: [ref] }),
      headers: { 'Content-Type': 'application/x-tar' },
    };
  }),
  row(
    'ContainerExec',
    'POST',
    '/containers/{id}/exec',
    201,
    async (ctx) => ({
      params: { id: await running(ctx) },
      body: { Cmd: ['/bin/probe', 'exit', '0'], AttachStdout: true },
    }),
    ['exec'],
  ),
  row(
    'ExecStart',
    'POST',
    '/exec/{id}/start',
    200,
    async (ctx) => ({ params: { id: await exec(ctx) }, body: { Detach: true, Tty: false } }),
    ['exec'],
  ),
  row(
    'ExecResize',
    'POST',
    '/exec/{id}/resize',
    200,
    async (ctx) => {
      const id = await exec(ctx, true);
      await ctx.client.exec.startDetached(id, { tty: true });
      await waitFor(async () => (await ctx.client.exec.inspect(id)).Running === true, {
        timeoutMs: 10_000,
        describe: `exec ${id} to run`,
      });
      return { params: { id }, query: { h: '30', w: '100' } };
    },
    ['exec'],
  ),
  row('ExecInspect', 'GET', '/exec/{id}/json', 200, async (ctx) => ({ params: { id: await exec(ctx) } }), [
    'exec',
  ]),
  row('VolumeList', 'GET', '/volumes', 200, undefined, ['volumes']),
  row(
    'VolumeCreate',
    'POST',
    '/volumes/create',
    201,
    async (ctx) => {
      const name = ctx.uniqueName('vol');
      ctx.defer(() => ctx.client.volumes.remove(name, { force: true }));
      return { body: { Name: name, Labels: ctx.runLabels } };
    },
    ['volumes'],
  ),
  row(
    'VolumeInspect',
    'GET',
    '/volumes/{name}',
    200,
    async (ctx) => ({ params: { name: await volume(ctx) } }),
    ['volumes'],
  ),
  row(
    'VolumeDelete',
    'DELETE',
    '/volumes/{name}',
    204,
    async (ctx) => ({ params: { name: await volume(ctx) } }),
    ['volumes'],
  ),
  row('VolumePrune', 'POST', '/volumes/prune', 200, async (ctx) => ({ query: ours(ctx) }), ['volumes']),
  row('NetworkList', 'GET', '/networks', 200, undefined, ['networks']),
  row(
    'NetworkInspect',
    'GET',
    '/networks/{id}',
    200,
    async (ctx) => {
      const [first] = await ctx.client.networks.list();
      if (first?.Id === undefined) throw new Error('the engine lists no network');
      return { params: { id: first.Id } };
    },
    ['networks'],
  ),
  row(
    'NetworkDelete',
    'DELETE',
    '/networks/{id}',
    204,
    async (ctx) => ({ params: { id: (await network(ctx)).id } }),
    ['networks'],
  ),
  row(
    'NetworkCreate',
    'POST',
    '/networks/create',
    201,
    async (ctx) => {
      const name = ctx.uniqueName('net');
      ctx.defer(() => removeNetworkQuietly(ctx.client, name));
      return { body: { Name: name, Internal: true, Labels: ctx.runLabels } };
    },
    ['networks'],
  ),
  row(
    'NetworkConnect',
    'POST',
    '/networks/{id}/connect',
    200,
    async (ctx) => {
      const { id, extra } = await containerAndNetwork(ctx);
      return { params: { id: extra.id }, body: { Container: id } };
    },
    ['networks'],
  ),
  row(
    'NetworkDisconnect',
    'POST',
    '/networks/{id}/disconnect',
    200,
    async (ctx) => {
      const { id, extra } = await containerAndNetwork(ctx);
      const res = await ctx.client.raw('POST', `/networks/${extra.id}/connect`, { body: { Container: id } });
      if (res.status !== 200) throw new Error(`connecting ${id} answered ${res.status}: ${res.text()}`);
      return { params: { id: extra.id }, body: { Container: id } };
    },
    ['networks'],
  ),
  row('NetworkPrune', 'POST', '/networks/prune', 200, async (ctx) => ({ query: ours(ctx) }), ['networks']),
  row('DistributionInspect', 'GET', '/distribution/{name}/json', 200, async (ctx, t) => {
    await skipWithoutRegistry(t);
    const pushed = await pushVariant(ctx, 'status-dist');
    return { params: { name: `${pushed.repo}:${pushed.tag}` }, headers: NO_AUTH_HEADER };
  }),
  row('Session', 'POST', '/session', 101, async (ctx) => ({
    headers: {
      'X-Docker-Expose-Session-Uuid': randomUUID(),
      'X-Docker-Expose-Session-Name': `shipshape-${ctx.runId}`,
      'X-Docker-Expose-Session-Sharedkey': ctx.runId,
    },
    upgrade: 'h2c',
  })),
];
