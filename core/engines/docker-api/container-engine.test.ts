import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lackingReason } from '../capabilities.js';
import { DockerApiEngine } from './container-engine.js';
import { describeDockerApi } from './describe.js';
import { type FakeEngine, frame, startFakeEngine } from './testing/fake-engine.js';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

const fakes: FakeEngine[] = [];
const engines: DockerApiEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** A fake engine answering by `METHOD path` (query left out); bodies of requests are kept by path. */
async function setup(routes: Record<string, Route>) {
  const bodies = new Map<string, string>();
  const fake = await startFakeEngine({
    apiVersion: '1.41',
    request: (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '').replace(/^\/v1\.41/, '').replace(/\?.*$/, '');
        const body = Buffer.concat(chunks).toString();
        bodies.set(`${req.method} ${path}`, body);
        const route = routes[`${req.method} ${path}`];
        if (route) route(req, res, body);
        else json(res, 404, { message: `no route ${req.method} ${path}` });
      });
    },
  });
  fakes.push(fake);
  const engine = new DockerApiEngine({
    name: 'fake',
    family: 'docker-api',
    address: fake.address,
    source: 't',
  });
  engines.push(engine);
  return { fake, engine, bodies };
}

describe('DockerApiEngine', () => {
  it('creates with the command as Entrypoint + Cmd, labels, no network and the host options', async () => {
    const { engine, bodies, fake } = await setup({
      'POST /containers/create': (_q, res) => json(res, 201, { Id: 'c1', Warnings: [] }),
    });
    const id = await engine.create({
      name: 'n1',
      image: 'img:1',
      command: ['/bin/probe', 'sleep', '5'],
      labels: { a: 'b' },
      stopSignal: 'SIGUSR1',
      restartPolicy: { name: 'on-failure', maxRetries: 2 },
      init: true,
    });
    expect(id).toBe('c1');
    expect(fake.requests.at(-1)).toBe('POST /v1.41/containers/create?name=n1');
    expect(JSON.parse(bodies.get('POST /containers/create') ?? '')).toEqual({
      Image: 'img:1',
      Entrypoint: ['/bin/probe'],
      Cmd: ['sleep', '5'],
      Labels: { a: 'b' },
      StopSignal: 'SIGUSR1',
      HostConfig: {
        NetworkMode: 'none',
        Init: true,
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
      },
    });
  });

  it('maps each lifecycle call onto its endpoint', async () => {
    const ok: Route = (_q, res) => res.writeHead(204).end();
    const { engine, fake } = await setup({
      'POST /containers/c1/start': ok,
      'POST /containers/c1/stop': ok,
      'POST /containers/c1/kill': ok,
      'POST /containers/c1/pause': ok,
      'POST /containers/c1/unpause': ok,
      'POST /containers/c1/wait': (_q, res) => json(res, 200, { StatusCode: 3 }),
      'DELETE /containers/c1': ok,
    });
    await engine.start('c1');
    await engine.stop('c1', { timeoutS: 2 });
    await engine.kill('c1', 'SIGUSR1');
    await engine.pause('c1');
    await engine.resume('c1');
    expect(await engine.wait('c1', { condition: 'removed' })).toEqual({ exitCode: 3 });
    await engine.remove('c1', { force: true });
    expect(fake.requests.slice(1)).toEqual([
      'POST /v1.41/containers/c1/start',
      'POST /v1.41/containers/c1/stop?t=2',
      'POST /v1.41/containers/c1/kill?signal=SIGUSR1',
      'POST /v1.41/containers/c1/pause',
      'POST /v1.41/containers/c1/unpause',
      'POST /v1.41/containers/c1/wait?condition=removed',
      'DELETE /v1.41/containers/c1?force=1&v=1',
    ]);
  });

  it('reduces inspect to the state; an exit code only once stopped; 404 is no container', async () => {
    let state: Record<string, unknown> = { Status: 'running', Running: true, Pid: 42, ExitCode: 0 };
    const { engine } = await setup({
      'GET /containers/c1/json': (_q, res) => json(res, 200, { Id: 'c1', State: state, RestartCount: 2 }),
    });
    expect(await engine.inspect('c1')).toEqual({
      status: 'running',
      pid: 42,
      exitCode: null,
      restartCount: 2,
    });
    state = { Status: 'exited', Running: false, Pid: 0, ExitCode: 137 };
    expect(await engine.inspect('c1')).toEqual({ status: 'exited', pid: 0, exitCode: 137, restartCount: 2 });
    expect(await engine.inspect('gone')).toBeUndefined();
  });

  it('lists by label, reads both log streams, and runs exec to its exit code', async () => {
    const { engine, fake } = await setup({
      'GET /containers/json': (_q, res) => json(res, 200, [{ Id: 'a' }, { Id: 'b' }]),
      'GET /containers/c1/logs': (_q, res) =>
        res.writeHead(200).end(Buffer.concat([frame(1, 'o\n'), frame(2, 'e\n')])),
    });
    expect(await engine.list({ label: 'k=v' })).toEqual(['a', 'b']);
    expect(decodeURIComponent(fake.requests.at(-1) ?? '')).toBe(
      'GET /v1.41/containers/json?all=1&filters={"label":["k=v"]}',
    );
    expect(await engine.logs('c1')).toEqual({ stdout: 'o\n', stderr: 'e\n' });
  });

  it('loads an archive and reports the names, not the IDs', async () => {
    const { engine, bodies } = await setup({
      'POST /images/load': (_q, res) =>
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end('{"stream":"Loaded image: x/y:1\\n"}\n{"stream":"Loaded image ID: sha256:abc\\n"}\n'),
    });
    const r = await engine.load(Buffer.from('tar bytes'), { ref: 'x/y:1' });
    expect(r).toEqual({ images: ['x/y:1'], message: 'Loaded image: x/y:1\nLoaded image ID: sha256:abc\n' });
    expect(bodies.get('POST /images/load')).toBe('tar bytes');
  });

  it("finds Podman's localhost/ name, and removing an absent image is false", async () => {
    const { engine } = await setup({
      'GET /images/localhost/x/y:1/json': (_q, res) => json(res, 200, { Id: 'sha256:cfg' }),
      'DELETE /images/localhost/x/y:1': (_q, res) => json(res, 200, [{ Deleted: 'sha256:cfg' }]),
    });
    expect(await engine.findImage('x/y:1')).toBe('localhost/x/y:1');
    expect(await engine.findImage('nope:1')).toBeUndefined();
    expect(await engine.imageId('localhost/x/y:1')).toBe('sha256:cfg');
    expect(await engine.removeImage('localhost/x/y:1', { force: true })).toBe(true);
    expect(await engine.removeImage('nope:1')).toBe(false);
  });

  it('saves one image through ImageGet and several through ImageGetAll; an error answer throws', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-save-'));
    try {
      const { engine, fake } = await setup({
        'GET /images/a:1/get': (_q, res) => res.writeHead(200).end('one'),
        'GET /images/get': (_q, res) => res.writeHead(200).end('two'),
      });
      await engine.saveImages(['a:1'], join(dir, 'one.tar'));
      await engine.saveImages(['a:1', 'b:1'], join(dir, 'two.tar'));
      expect(await readFile(join(dir, 'one.tar'), 'utf8')).toBe('one');
      expect(await readFile(join(dir, 'two.tar'), 'utf8')).toBe('two');
      expect(fake.requests.at(-1)).toBe('GET /v1.41/images/get?names=a%3A1&names=b%3A1');
      await expect(engine.saveImages(['gone:1'], join(dir, 'x.tar'))).rejects.toMatchObject({ status: 404 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('run creates, starts, waits, reads the logs and removes the container even when a step fails', async () => {
    let waited = false;
    const { engine, fake } = await setup({
      'POST /containers/create': (_q, res) => json(res, 201, { Id: 'r1' }),
      'POST /containers/r1/start': (_q, res) => res.writeHead(204).end(),
      'POST /containers/r1/wait': (_q, res) => {
        if (waited) return json(res, 500, { message: 'wait broke' });
        waited = true;
        json(res, 200, { StatusCode: 4 });
      },
      'GET /containers/r1/logs': (_q, res) => res.writeHead(200).end(frame(1, 'hello\n')),
      'DELETE /containers/r1': (_q, res) => res.writeHead(204).end(),
    });
    const spec = { image: 'img', command: ['/bin/probe', 'exit', '4'] };
    expect(await engine.run(spec)).toEqual({ id: 'r1', exitCode: 4, stdout: 'hello\n', stderr: '' });
    await expect(engine.run(spec)).rejects.toMatchObject({ engineMessage: 'wait broke' });
    expect(fake.requests.filter((r) => r.startsWith('DELETE'))).toEqual([
      'DELETE /v1.41/containers/r1?force=1&v=1',
      'DELETE /v1.41/containers/r1?force=1&v=1',
    ]);
  });

  it('maps events and answers alive() from /_ping', async () => {
    const { engine } = await setup({
      'GET /events': (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"Type":"container","Action":"die","Actor":{"ID":"c1","Attributes":{"exitCode":"3"}},');
        res.write('"time":2,"timeNano":2000000001}\n');
      },
    });
    const events = await engine.events({ container: 'c1' });
    const seen: unknown[] = [];
    for await (const event of events) {
      seen.push(event);
      events.abort();
    }
    expect(seen).toEqual([
      {
        type: 'container',
        action: 'die',
        id: 'c1',
        timeNano: 2000000001,
        attributes: { exitCode: '3' },
      },
    ]);
    expect(await engine.alive()).toBe(true);
  });
});

describe('describeDockerApi', () => {
  it('declares what the probes show and says why it lacks the rest', async () => {
    const { fake } = await setup({
      'GET /version': (_q, res) => json(res, 200, { Version: '1.0', Components: [{ Name: 'Engine' }] }),
      'GET /info': (_q, res) => json(res, 200, { CgroupDriver: 'none', LiveRestoreEnabled: false }),
      'GET /containers/json': (_q, res) => json(res, 200, []),
      'GET /images/json': (_q, res) => json(res, 200, []),
    });
    const d = await describeDockerApi({
      name: 'fake',
      family: 'docker-api',
      address: fake.address,
      source: 't',
    });
    expect(d.capabilities).toEqual(
      expect.arrayContaining(['containers', 'containers.stop-timeout', 'errors.http-status', 'images.load']),
    );
    expect(d.capabilities).not.toContain('pause');
    expect(lackingReason(d, ['pause', 'volumes', 'live-restore'])).toBe(
      'fake lacks capability pause: GET /info reports CgroupDriver none; ' +
        'fake lacks capability volumes: GET /volumes answered 404; ' +
        'fake lacks capability live-restore: GET /info does not report LiveRestoreEnabled: true',
    );
  });
});
