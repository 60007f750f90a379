import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEngine, startFakeEngine } from '../../core/engines/docker-api/testing/fake-engine.js';
import { type MutationProxy, startMutationProxy } from './proxy.js';
import { rewriteJson } from './transforms.js';
import type { Mutation } from './types.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const call = (socketPath: string, method: string, path: string, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const headers = body
      ? { 'Content-Type': 'application/json', 'Content-Length': `${Buffer.byteLength(body)}` }
      : {};
    const req = request({ socketPath, method, path, headers, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });

describe('startMutationProxy', () => {
  let fake: FakeEngine;
  let dir = '';
  let proxy: MutationProxy | undefined;
  const bodies: string[] = [];

  beforeEach(async () => {
    bodies.length = 0;
    dir = await mkdtemp(join(tmpdir(), 'shipshape-mutants-'));
    fake = await startFakeEngine({
      request: (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          bodies.push(Buffer.concat(chunks).toString());
          if (req.url?.includes('/start')) return void res.writeHead(304).end();
          // chunked (no Content-Length), written in two parts
          res.writeHead(200, { 'Content-Type': 'application/json', 'X-Engine-Header': 'kept' });
          res.write('{"State":{"Pid":');
          res.end('42},"RestartCount":0}');
        });
      },
      upgrade: (_req, socket) => {
        socket.write('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
        socket.on('data', (d: Buffer) => socket.write(Buffer.from(d.toString().toUpperCase())));
        socket.on('end', () => socket.end());
      },
    });
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (mutation?: Mutation) => {
    proxy = await startMutationProxy({
      upstream: fake.socketPath,
      listen: join(dir, 'p.sock'),
      ...(mutation ? { mutation } : {}),
    });
    return join(dir, 'p.sock');
  };

  it('without a mutation forwards requests and answers unchanged', async () => {
    const sock = await start();
    const res = await call(sock, 'POST', '/v1.41/containers/x/update?a=1', '{"Memory":1}');
    expect(res.status).toBe(200);
    expect(res.headers['x-engine-header']).toBe('kept');
    expect(JSON.parse(res.body)).toEqual({ State: { Pid: 42 }, RestartCount: 0 });
    expect(fake.requests).toEqual(['POST /v1.41/containers/x/update?a=1']);
    expect(bodies).toEqual(['{"Memory":1}']);
    expect((await call(sock, 'POST', '/containers/x/start')).status).toBe(304);
    expect(proxy?.applied()).toBe(0);
  });

  it('applies each hook of a mutation and counts what it changed', async () => {
    const sock = await start({
      name: 'all-hooks',
      description: 'test',
      expectFailing: [],
      rewriteUrl: (r) => (r.route === '/containers/json' ? '/v1.41/containers/json?rewritten=1' : undefined),
      rewriteRequestJson: (_r, body) => ({ ...(body as object), Added: true }),
      rewriteHead: (r) => (r.route.endsWith('/start') ? { status: 204, headers: [] } : undefined),
      transformBody: (r) =>
        r.route.endsWith('/inspect') ? rewriteJson(() => ({ changed: true })) : undefined,
    });
    await call(sock, 'GET', '/v1.41/containers/json');
    expect(fake.requests.at(-1)).toBe('GET /v1.41/containers/json?rewritten=1');
    await call(sock, 'POST', '/containers/create', '{"Image":"i"}');
    expect(JSON.parse(bodies.at(-1) ?? '')).toEqual({ Image: 'i', Added: true });
    expect((await call(sock, 'POST', '/containers/x/start')).status).toBe(204);
    const inspected = await call(sock, 'GET', '/containers/x/inspect');
    expect(JSON.parse(inspected.body)).toEqual({ changed: true });
    expect(inspected.headers['x-engine-header']).toBe('kept');
    expect(proxy?.applied()).toBe(4);
  });

  it('tunnels an upgraded connection both ways, half-close included', async () => {
    const sock = await start();
    const client = createConnection({ path: sock, allowHalfOpen: true });
    client.write(
      'POST /v1.41/containers/x/attach?stream=1 HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
    );
    let text = '';
    const ended = new Promise<void>((resolve) => client.on('end', resolve));
    client.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\r\n\r\n') && !text.includes('HELLO')) client.end('hello');
    });
    await ended;
    client.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\n/);
    expect(text.endsWith('HELLO')).toBe(true);
  });
});
