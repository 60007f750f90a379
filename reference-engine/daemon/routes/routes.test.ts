import { mkdtempSync, rmSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarBuffer } from '../../../core/tar/index.js';
import type { ContainerManager, ContainerRecord } from '../../containers/types.js';
import { MemoryEventBus } from '../../events/memory-event-bus.js';
import { ImageStore } from '../../images/image-store.js';
import type { StorageDriver } from '../../storage/types.js';
import { LocalVolumeStore } from '../../volumes/local-volume-store.js';
import type { DaemonContext } from '../context.js';
import type { App } from '../http/app.js';
import { buildServer } from '../http/server.js';
import { inject, portOf } from '../testing/inject.js';
import { registerBuild } from './build.js';
import { registerCommit } from './commit.js';
import { registerImagesByName } from './images-by-name.js';
import { registerImagesList } from './images-list.js';
import { registerImagesTransfer } from './images-transfer.js';
import { registerNetworks } from './networks.js';
import { registerPlugins } from './plugins.js';
import { registerSwarm } from './swarm.js';
import { registerSystemAuth } from './system-auth.js';
import { registerSystemDf } from './system-df.js';
import { registerSystemEvents } from './system-events.js';
import { registerSystemInfo } from './system-info.js';
import { registerSystemPing } from './system-ping.js';
import { registerSystemVersion } from './system-version.js';
import { registerVolumes } from './volumes.js';

const OURS = [
  registerSystemPing,
  registerSystemVersion,
  registerSystemInfo,
  registerSystemEvents,
  registerSystemDf,
  registerSystemAuth,
  registerImagesList,
  registerImagesTransfer,
  registerImagesByName,
  registerCommit,
  registerBuild,
  registerVolumes,
  registerNetworks,
  registerSwarm,
  registerPlugins,
];

// The routes of this folder on a real image store, volume store and event bus, with a fake container
// manager holding three records (created, running, exited); no socket, no root.

const record = (id: string, status: string, network = 'none') =>
  ({
    id,
    name: `/c-${id.slice(0, 4)}`,
    state: { status },
    hostConfig: { NetworkMode: network },
  }) as unknown as ContainerRecord;
const RECORDS = [
  record('a'.repeat(64), 'created'),
  record('b'.repeat(64), 'running'),
  record('c'.repeat(64), 'exited', 'host'),
];
const users: Record<string, string[]> = {};

let dir: string;
let app: App;
let ctx: DaemonContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipd-routes-'));
  const events = new MemoryEventBus();
  const volumes = await LocalVolumeStore.open(join(dir, 'volumes'), {
    users: (name) => users[name] ?? [],
    onEvent: (action, name) =>
      events.publish({ type: 'volume', action, id: name, attributes: { driver: 'local' } }),
  });
  const containers = {
    all: () => RECORDS,
    usingImage: () => [],
    usingVolume: (name: string) => (users[name] ?? []).map((id) => RECORDS.find((r) => r.id === id)),
  } as unknown as ContainerManager;
  ctx = {
    config: {
      root: dir,
      execRoot: join(dir, 'run'),
      hosts: [],
      storageDriver: 'vfs',
      defaultRuntime: 'shiprun',
      runtimes: { crun: '/usr/bin/crun' },
      liveRestore: false,
      logLevel: 'info',
      version: '1.2.3',
    },
    images: await ImageStore.open(join(dir, 'images')),
    driver: { name: 'vfs' } as StorageDriver,
    containers,
    volumes,
    events,
  };
  app = buildServer(ctx, { version: '1.2.3', routes: OURS });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A one-file tar. */
const tarOf = (name: string, content: string): Promise<Buffer> => tarBuffer([{ name, content }]);

const get = (url: string) => inject(app, { method: 'GET', url });

describe('system', () => {
  it('GET and HEAD /_ping answer OK with no-cache headers', async () => {
    const res = await get('/_ping');
    expect([res.statusCode, res.body, res.headers['cache-control'], res.headers.pragma]).toEqual([
      200,
      'OK',
      'no-cache, no-store, must-revalidate',
      'no-cache',
    ]);
    const head = await inject(app, { method: 'HEAD', url: '/v1.41/_ping' });
    expect([head.statusCode, head.body, head.headers['api-version']]).toEqual([200, '', '1.41']);
  });

  it('/version names the engine, its API range and this host', async () => {
    const v = (await get('/v1.24/version')).json();
    expect(v).toMatchObject({ Version: '1.2.3', ApiVersion: '1.41', MinAPIVersion: '1.24', Os: 'linux' });
    expect(v.Components[0]).toMatchObject({ Name: 'Engine', Version: '1.2.3' });
  });

  it('/info counts containers by state and names the driver, runtimes and root', async () => {
    const info = (await get('/info')).json();
    expect(info).toMatchObject({
      Containers: 3,
      ContainersRunning: 1,
      ContainersPaused: 0,
      ContainersStopped: 2,
      Images: 0,
      Driver: 'vfs',
      DockerRootDir: dir,
      DefaultRuntime: 'shiprun',
      Runtimes: { shiprun: { path: 'shiprun' }, crun: { path: '/usr/bin/crun' } },
      CgroupDriver: 'cgroupfs',
      OSType: 'linux',
    });
    expect(info.ID).toBe((await get('/info')).json().ID);
  });

  it('/events replays between since and until with filters, then ends', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    ctx.events.publish({ type: 'container', action: 'start', id: 'x1', attributes: { name: 'web', a: 'b' } });
    ctx.events.publish({
      type: 'container',
      action: 'die',
      id: 'x1',
      attributes: { name: 'web', exitCode: '3' },
    });
    ctx.events.publish({ type: 'container', action: 'start', id: 'y2', attributes: { name: 'db' } });
    const until = Math.ceil(Date.now() / 1000);
    const lines = async (filters: object) => {
      const q = new URLSearchParams({
        since: String(since),
        until: String(until),
        filters: JSON.stringify(filters),
      });
      const res = await get(`/events?${q}`);
      expect(res.statusCode).toBe(200);
      return res.body
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l));
    };
    expect((await lines({ container: ['web'] })).map((m) => m.Action)).toEqual(['start', 'die']);
    expect((await lines({ event: ['start'] })).map((m) => m.Actor.ID)).toEqual(['x1', 'y2']);
    expect((await lines({ label: ['a=b'] })).map((m) => m.Action)).toEqual(['start']);
    expect((await lines({ container: ['y'] })).map((m) => m.Actor.ID)).toEqual(['y2']);
  });

  it('/events sends its 200 at once, then live messages as they happen', async () => {
    const port = await portOf(app);
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      request(
        { host: '127.0.0.1', port, path: '/events?filters=%7B%22type%22%3A%5B%22volume%22%5D%7D' },
        resolve,
      )
        .on('error', reject)
        .end(),
    );
    expect(res.statusCode).toBe(200);
    const first = new Promise<string>((resolve) =>
      res.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    ctx.events.publish({ type: 'container', action: 'start', id: 'not-shown' });
    ctx.events.publish({ type: 'volume', action: 'create', id: 'live-vol' });
    expect(JSON.parse(await first)).toMatchObject({
      Type: 'volume',
      Action: 'create',
      Actor: { ID: 'live-vol' },
    });
    res.destroy();
  });

  it('/events refuses since after until and unknown filters with 400', async () => {
    expect((await get('/events?since=200&until=100')).statusCode).toBe(400);
    expect((await get(`/events?filters=${encodeURIComponent('{"bogus":["x"]}')}`)).json()).toEqual({
      message: "Invalid filter 'bogus'",
    });
  });
});

describe('volumes', () => {
  it('create 201, inspect, list with filters, in-use delete 409, delete 204, prune', async () => {
    const create = await inject(app, {
      method: 'POST',
      url: '/volumes/create',
      payload: { Name: 'rv1', Labels: { k: 'v' } },
    });
    expect(create.statusCode).toBe(201);
    expect(create.json()).toMatchObject({ Name: 'rv1', Driver: 'local', Labels: { k: 'v' } });
    expect((await get('/volumes/rv1')).json().Name).toBe('rv1');
    const listed = (await get(`/volumes?filters=${encodeURIComponent('{"label":["k=v"]}')}`)).json();
    expect(listed.Volumes.map((v: { Name: string }) => v.Name)).toEqual(['rv1']);
    users.rv1 = ['b'.repeat(64)];
    expect((await inject(app, { method: 'DELETE', url: '/volumes/rv1' })).statusCode).toBe(409);
    users.rv1 = [];
    expect((await inject(app, { method: 'DELETE', url: '/volumes/rv1' })).statusCode).toBe(204);
    expect((await get('/volumes/rv1')).statusCode).toBe(404);
    expect((await inject(app, { method: 'POST', url: '/volumes/prune' })).json()).toEqual({
      VolumesDeleted: [],
      SpaceReclaimed: 0,
    });
  });

  it('a body of the wrong shape is 400', async () => {
    const res = await inject(app, { method: 'POST', url: '/volumes/create', payload: { Name: 5 } });
    expect([res.statusCode, res.json().message]).toEqual([400, 'Name must be a string']);
  });
});

describe('networks, swarm, plugins', () => {
  it('lists none and host with stable 64-hex ids, and shows running endpoints on inspect', async () => {
    const nets = (await get('/networks')).json();
    expect(nets.map((n: { Name: string; Driver: string }) => [n.Name, n.Driver])).toEqual([
      ['none', 'null'],
      ['host', 'host'],
    ]);
    for (const n of nets) expect(n.Id).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('/networks')).json()[0].Id).toBe(nets[0].Id);
    const none = (await get(`/networks/${nets[0].Id.slice(0, 12)}`)).json();
    expect(Object.keys(none.Containers)).toEqual(['b'.repeat(64)]);
    expect((await get('/networks/bridge')).statusCode).toBe(404);
  });

  it('answers network create 501 and removing a predefined network 403', async () => {
    expect(
      (await inject(app, { method: 'POST', url: '/networks/create', payload: { Name: 'n' } })).statusCode,
    ).toBe(501);
    expect((await inject(app, { method: 'DELETE', url: '/networks/host' })).statusCode).toBe(403);
  });

  it.each([
    ['GET', '/swarm'],
    ['GET', '/nodes/x'],
    ['POST', '/services/x/update'],
    ['GET', '/tasks'],
    ['DELETE', '/secrets/x'],
    ['GET', '/configs'],
    ['POST', '/swarm/leave'],
  ] as const)('%s %s is 503 outside a swarm', async (method, url) => {
    const res = await inject(app, { method, url });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/swarm/);
  });

  it('plugins: an empty list, and any named plugin is 404', async () => {
    expect((await get('/plugins')).json()).toEqual([]);
    expect((await get('/plugins/p/json')).json()).toEqual({ message: 'plugin "p" not found' });
  });
});

describe('auth', () => {
  it('takes its JSON body with or without a Content-Type, and refuses registries off this host', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, {}]) {
      const res = await inject(app, {
        method: 'POST',
        url: '/auth',
        headers,
        payload: '{"serveraddress":"registry.example.com"}',
      });
      expect([res.statusCode, res.json().message]).toEqual([
        501,
        expect.stringContaining('registry.example.com'),
      ]);
    }
  });

  it('names the address of a loopback registry it cannot reach', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/auth',
      payload: { serveraddress: '127.0.0.1:1' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toContain('127.0.0.1:1');
  });
});

describe('build', () => {
  it('has no builder (501) and an empty cache whose prune still checks its filters', async () => {
    const build = await inject(app, {
      method: 'POST',
      url: '/build',
      headers: { 'content-type': 'application/x-tar' },
      payload: 'x',
    });
    expect(build.statusCode).toBe(501);
    const prune = await inject(app, {
      method: 'POST',
      url: `/build/prune?filters=${encodeURIComponent('{"id":["x"]}')}`,
    });
    expect(prune.json()).toEqual({ CachesDeleted: [], SpaceReclaimed: 0 });
    const bad = await inject(app, {
      method: 'POST',
      url: `/build/prune?filters=${encodeURIComponent('{"zz":["x"]}')}`,
    });
    expect([bad.statusCode, bad.json().message]).toEqual([
      400,
      "failed to prune build cache: Invalid filter 'zz'",
    ]);
    expect((await inject(app, { method: 'POST', url: '/session' })).statusCode).toBe(400);
  });
});

describe('images', () => {
  it('an unknown image is 404 for inspect, history, tag, delete and save', async () => {
    for (const [method, url] of [
      ['GET', '/images/no/such:img/json'],
      ['GET', '/images/no/such:img/history'],
      ['POST', '/images/no/such:img/tag?repo=a'],
      ['DELETE', '/images/no/such:img'],
      ['GET', '/images/no/such:img/get'],
      ['GET', '/images/get?names=no/such:img'],
    ] as const) {
      const res = await inject(app, { method, url });
      expect([method, url, res.statusCode, res.json().message]).toEqual([
        method,
        url,
        404,
        'No such image: no/such:img',
      ]);
    }
  });

  it('imports a rootfs tar as a one-layer image with changes and message, and tags it', async () => {
    const tar = await tarOf('etc/marker', 'hi\n');
    const res = await inject(app, {
      method: 'POST',
      url: '/images/create?fromSrc=-&repo=imp/one&tag=v1&message=hello&changes=ENV%20A%3D1&changes=CMD%20%5B%22x%22%5D',
      headers: { 'content-type': 'application/x-tar' },
      payload: tar,
    });
    expect(res.statusCode).toBe(200);
    const id = JSON.parse(res.body).status as string;
    // push names the image by name and ?tag (no pushing yet: 501 for a known image, 404 for an unknown tag)
    const push = (tag: string) => inject(app, { method: 'POST', url: `/images/imp/one/push?tag=${tag}` });
    expect([(await push('v1')).statusCode, (await push('v2')).statusCode]).toEqual([501, 404]);
    const inspect = (await get('/images/imp/one:v1/json')).json();
    expect(inspect).toMatchObject({ Id: id, Comment: 'hello', Config: { Env: ['A=1'], Cmd: ['x'] } });
    expect(inspect.RootFS.Layers).toHaveLength(1);
    expect(inspect.GraphDriver.Name).toBe('vfs');
    const bad = await inject(app, {
      method: 'POST',
      url: '/images/create?fromSrc=-&repo=imp/bad',
      payload: Buffer.from('not a tar '.repeat(100)),
    });
    expect(bad.statusCode).toBe(400);
    expect((await get('/images/imp/bad/json')).statusCode).toBe(404);
  });
});
