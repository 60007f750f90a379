import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../../fixtures/images/index.js';
import { IS_ROOT, PROBE_REF, useManager } from '../../containers/testing/manager-under-test.js';
import type { DaemonConfig, DaemonContext } from '../context.js';
import type { App } from '../http/app.js';
import { buildServer } from '../http/server.js';
import { inject } from '../testing/inject.js';
import { registerContainersCreate } from './containers-create.js';
import { registerContainersEdit } from './containers-edit.js';
import { registerContainersLifecycle } from './containers-lifecycle.js';
import { registerContainersRead } from './containers-read.js';
import { registerContainersRemove } from './containers-remove.js';
import { registerContainersWait } from './containers-wait.js';

const ROUTES = [
  registerContainersCreate,
  registerContainersRead,
  registerContainersLifecycle,
  registerContainersWait,
  registerContainersEdit,
  registerContainersRemove,
];

// The container routes on a real manager (overlay, probe image): every status the swagger documents
// for the operation, as dockerd answers it. Root only.
describe.skipIf(!IS_ROOT)('container routes', () => {
  const t = useManager(
    async () => dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE_REF] }),
    'shipd-routes-',
  );
  let app: App;
  beforeEach(async () => {
    const o = t.options;
    const ctx = {
      config: { version: 'test' } as DaemonConfig,
      images: o.images,
      driver: o.driver,
      containers: t.manager,
      volumes: o.volumes,
      events: o.events,
    } as DaemonContext;
    app = buildServer(ctx, { version: 'test', routes: ROUTES });
  });
  afterEach(async () => {
    await app.close();
  });

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const res = await inject(app, {
      method,
      url: `/v1.41${url}`,
      ...(payload !== undefined && { payload: payload as object }),
    });
    return { status: res.statusCode, body: res.body === '' ? undefined : res.json() };
  };

  it('answers each operation with the swagger status', async () => {
    const created = await call('POST', '/containers/create?name=web', {
      Image: PROBE_REF,
      Cmd: ['sleep', '30'],
      HostConfig: { NetworkMode: 'none' },
    });
    expect(created).toMatchObject({ status: 201, body: { Warnings: [] } });
    const id = (created.body as { Id: string }).Id;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('POST', '/containers/create?name=web', { Image: PROBE_REF })).status).toBe(409);
    expect((await call('POST', '/containers/create', { Image: 'nope:1' })).status).toBe(404);
    expect((await call('POST', '/containers/create', { Image: PROBE_REF, Cmd: 5 })).status).toBe(400);
    expect((await call('POST', '/containers/create?name=a', { Image: PROBE_REF })).status).toBe(400);
    expect((await call('POST', '/containers/web/start')).status).toBe(204);
    expect((await call('POST', '/containers/web/start')).status).toBe(304);
    expect((await call('GET', '/containers/json')).body).toHaveLength(1);
    const inspect = await call('GET', '/containers/web/json');
    expect(inspect).toMatchObject({
      status: 200,
      body: { Id: id, State: { Status: 'running' }, Platform: 'linux' },
    });
    expect(await call('GET', '/containers/nope/json')).toEqual({
      status: 404,
      body: { message: 'No such container: nope' },
    });
    expect((await call('GET', '/containers/web/top')).status).toBe(200);
    expect((await call('POST', '/containers/web/pause')).status).toBe(204);
    expect((await call('POST', '/containers/web/unpause')).status).toBe(204);
    expect((await call('POST', '/containers/web/update', { CpuShares: 512 })).body).toEqual({ Warnings: [] });
    expect((await call('POST', '/containers/web/rename?name=web2')).status).toBe(204);
    expect((await call('DELETE', '/containers/web2')).status).toBe(409);
    expect((await call('POST', '/containers/web2/restart?t=1')).status).toBe(204);
    expect((await call('POST', '/containers/web2/kill?signal=SIGBOGUS')).status).toBe(400);
    expect((await call('POST', '/containers/web2/kill')).status).toBe(204);
    expect((await call('POST', '/containers/web2/kill')).status).toBe(409);
    expect((await call('POST', '/containers/web2/stop')).status).toBe(304);
    expect(await call('POST', '/containers/web2/wait')).toEqual({
      status: 200,
      body: { StatusCode: 137, Error: null },
    });
    expect((await call('POST', '/containers/web2/wait?condition=bogus')).status).toBe(400);
    expect((await call('POST', '/containers/web2/start')).status).toBe(204);
    expect((await call('POST', '/containers/web2/stop?t=0')).status).toBe(204);
    expect((await call('DELETE', '/containers/web2')).status).toBe(204);
    expect((await call('DELETE', '/containers/web2')).status).toBe(404);
    expect(await call('POST', '/containers/prune')).toEqual({
      status: 200,
      body: { ContainersDeleted: null, SpaceReclaimed: 0 },
    });
  }, 60_000);

  it('wait answers at the exit, with the exit code', async () => {
    await call('POST', '/containers/create?name=ww', {
      Image: PROBE_REF,
      Cmd: ['sleep', '1'],
      HostConfig: { NetworkMode: 'none' },
    });
    await call('POST', '/containers/ww/start');
    const t0 = Date.now();
    const res = await call('POST', '/containers/ww/wait?condition=next-exit');
    expect(res).toEqual({ status: 200, body: { StatusCode: 0, Error: null } });
    expect(Date.now() - t0).toBeGreaterThan(500);
  }, 60_000);
});
