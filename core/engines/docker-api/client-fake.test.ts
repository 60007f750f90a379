import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, EngineUnreachableError, ShipshapeError, TimeoutError } from '../../errors.js';
import { DockerApiClient } from './client.js';
import { type FakeEngine, frame, startFakeEngine, writeInPieces } from './testing/fake-engine.js';

const fakes: FakeEngine[] = [];
const clients: DockerApiClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function setup(handlers: Parameters<typeof startFakeEngine>[0], opts = {}) {
  const fake = await startFakeEngine(handlers);
  fakes.push(fake);
  const client = new DockerApiClient(fake.address, opts);
  clients.push(client);
  return { fake, client };
}

const json = (status: number, body: unknown) => (res: import('node:http').ServerResponse) =>
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

describe('version negotiation', () => {
  it('uses the server version when it is older than the client maximum', async () => {
    const { fake, client } = await setup({ apiVersion: '1.40', request: (_q, res) => json(200, {})(res) });
    await client.info();
    expect(client.apiVersion).toBe('1.40');
    expect(fake.requests).toEqual(['GET /_ping', 'GET /v1.40/info']);
  });

  it('caps a newer server at the client maximum, which is configurable', async () => {
    const { fake, client } = await setup({ apiVersion: '1.47', request: (_q, res) => json(200, {})(res) });
    await client.version();
    expect(fake.requests.at(-1)).toBe('GET /v1.41/version');
    const lower = new DockerApiClient(fake.address, { maxApiVersion: '1.30' });
    clients.push(lower);
    expect(await lower.negotiate()).toBe('1.30');
  });

  it('an explicit version skips the ping; raw can send unversioned paths', async () => {
    const { fake, client } = await setup(
      { request: (_q, res) => json(200, {})(res) },
      { apiVersion: '1.25' },
    );
    await client.raw('GET', '/containers/json');
    await client.raw('GET', '/plain', { versioned: false });
    expect(fake.requests).toEqual(['GET /v1.25/containers/json', 'GET /plain']);
  });
});

describe('errors', () => {
  it('maps a non-2xx answer to EngineError with status and the engine message; raw never throws', async () => {
    const { client } = await setup({
      apiVersion: '1.41',
      request: (_q, res) => json(409, { message: 'in use' })(res),
    });
    const err = await client.containers.remove('abc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 409, engineMessage: 'in use' });
    const raw = await client.raw('DELETE', '/containers/abc');
    expect(raw.status).toBe(409);
    expect(raw.json()).toEqual({ message: 'in use' });
    expect(raw.header('Content-Type')).toBe('application/json');
  });

  it('keeps a non-JSON error body as the message', async () => {
    const { client } = await setup({
      apiVersion: '1.41',
      request: (_q, res) => res.writeHead(500).end('plain oops\n'),
    });
    await expect(client.info()).rejects.toMatchObject({ status: 500, engineMessage: 'plain oops' });
  });

  it('reports a missing socket and a refused connection as EngineUnreachableError', async () => {
    const missing = new DockerApiClient('unix:///nonexistent/shipshape.sock');
    clients.push(missing);
    const err = await missing.ping().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineUnreachableError);
    expect((err as Error).message).toMatch(/socket does not exist/);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refused = new DockerApiClient(`tcp://127.0.0.1:${port}`);
    clients.push(refused);
    await expect(refused.ping()).rejects.toThrow(/connection refused/);
  });

  it('times out a server that never answers, within the bound', async () => {
    const { client } = await setup({ apiVersion: '1.41', request: () => {} }, { timeoutMs: 300 });
    const started = Date.now();
    const err = await client.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(client.raw('GET', '/x', { timeoutMs: 100 })).rejects.toMatchObject({ timeoutMs: 100 });
  });

  it('refuses a bad scheme with a USAGE error', () => {
    expect(() => new DockerApiClient('npipe:////./pipe/docker_engine')).toThrow(
      expect.objectContaining({ code: 'USAGE' }) as unknown as Error,
    );
  });
});

describe('streams', () => {
  it('demuxes logs whose frames arrive split and bunched over HTTP', async () => {
    const bytes = Buffer.concat([frame(1, 'out1\n'), frame(2, 'err1\n'), frame(1, ''), frame(1, 'out2\n')]);
    const { fake, client } = await setup({
      apiVersion: '1.41',
      request: (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
        void writeInPieces(res, [bytes.subarray(0, 3), bytes.subarray(3, 20), bytes.subarray(20)]).then(() =>
          res.end(),
        );
      },
    });
    const out = await client.containers.logs('c1', { tty: false });
    expect(out.stdout.toString()).toBe('out1\nout2\n');
    expect(out.stderr.toString()).toBe('err1\n');
    expect(fake.requests.at(-1)).toBe('GET /v1.41/containers/c1/logs?follow=0&stdout=1&stderr=1');
  });

  it('fails clearly when the engine drops the connection mid-frame', async () => {
    const { client } = await setup({
      apiVersion: '1.41',
      request: (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
        void writeInPieces(res, [frame(1, 'complete'), frame(1, 'never finished').subarray(0, 12)]).then(() =>
          res.destroy(),
        );
      },
    });
    const err = await client.containers.logs('c1', { tty: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShipshapeError);
    expect((err as ShipshapeError).code).toBe('PROTOCOL');
  });

  it('raises the errorDetail of a load progress stream split across chunks', async () => {
    const { client } = await setup({
      apiVersion: '1.41',
      request: (req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          const body =
            '{"stream":"Loading layer"}\r\n{"errorDetail":{"message":"bad tar"},"error":"bad tar"}\r\n';
          void writeInPieces(res, [Buffer.from(body.slice(0, 30)), Buffer.from(body.slice(30))]).then(() =>
            res.end(),
          );
        });
      },
    });
    const seen: string[] = [];
    const err = await client.images
      .load(Buffer.from('not a tar'), { onProgress: (m) => seen.push(m.stream ?? '') })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ engineMessage: 'bad tar' });
    expect(seen).toEqual(['Loading layer']);
  });

  it('streams events until aborted', async () => {
    const { client } = await setup({
      apiVersion: '1.41',
      request: (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"Type":"container","Action":"create","Actor":{"ID":"a"}}\n{"Type":"cont');
        res.write('ainer","Action":"start","Actor":{"ID":"a"}}\n');
      },
    });
    const stream = await client.events({ filters: { type: ['container'] } });
    const actions: string[] = [];
    for await (const event of stream) {
      actions.push(event.Action ?? '');
      if (actions.length === 2) stream.abort();
    }
    expect(actions).toEqual(['create', 'start']);
  });
});
