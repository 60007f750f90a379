import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Conflict,
  DeadlineExceeded,
  Forbidden,
  InvalidArgument,
  NotFound,
  NotImplemented,
  NotModified,
  Unavailable,
} from '../../errors.js';
import type { DaemonContext } from '../context.js';
import { inject } from '../testing/inject.js';
import type { App, Routes } from './app.js';
import { JSON_BODY_LIMIT } from './body-parsers.js';
import { buildServer } from './server.js';

const ERRORS: Array<[string, () => Error, number]> = [
  ['NotFound', () => new NotFound('No such container: x'), 404],
  ['Conflict', () => new Conflict('name in use'), 409],
  ['InvalidArgument', () => new InvalidArgument('bad'), 400],
  ['NotModified', () => new NotModified('already started'), 304],
  ['NotImplemented', () => new NotImplemented('no bridge'), 501],
  ['Forbidden', () => new Forbidden('read-only'), 403],
  ['Unavailable', () => new Unavailable('not a swarm manager'), 503],
  ['DeadlineExceeded', () => new DeadlineExceeded('hook', 10), 500],
  ['Error', () => new Error('boom'), 500],
];

/** Routes that throw each engine error, echo a JSON body, and read a raw body. */
function testRoutes(app: Routes): void {
  for (const [name, make] of ERRORS)
    app.get(`/throw/${name}`, async () => {
      throw make();
    });
  app.post('/echo', async (req) => ({ body: req.body ?? null }));
  app.post('/refuse-upload', { rawBody: true }, async (req) => {
    for await (const _chunk of req.raw) break; // reads one chunk, then refuses the upload
    throw new InvalidArgument('not a whole tar');
  });
  app.get('/query', async (req) => req.query);
  app.get('/param/:id', async (req) => ({ length: req.params.id.length }));
  app.get('/stream-fails', async (_req, reply) =>
    reply.type('application/x-tar').send(
      new Readable({
        read() {
          this.destroy(new NotFound('gone before its first byte'));
        },
      }),
    ),
  );
  app.post('/raw', { rawBody: true }, async (req) => {
    let size = 0;
    for await (const chunk of req.raw) size += (chunk as Buffer).length;
    return { size };
  });
}

let app: App;
beforeAll(async () => {
  app = buildServer({} as DaemonContext, { version: '9.9.9', routes: [testRoutes] });
});
afterAll(() => app.close());

describe('the error map at the edge', () => {
  it.each(ERRORS)('%s answers its status with {"message"}', async (_name, make, status) => {
    const res = await inject(app, { method: 'GET', url: `/v1.41/throw/${_name}` });
    expect(res.statusCode).toBe(status);
    if (status === 304) {
      expect([res.body, res.headers['content-length']]).toEqual(['', undefined]);
      return;
    }
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ message: make().message });
  });

  it('bad JSON is 400 with {"message"}', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"Image": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: expect.stringMatching(/^invalid JSON body/) });
  });

  it('a JSON body over the limit is 400 with {"message"}', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: `"${'x'.repeat(JSON_BODY_LIMIT)}"`,
    });
    expect(res.statusCode).toBe(400);
    expect(typeof res.json().message).toBe('string');
  });

  it('a body that is not JSON to a JSON route is 400 in dockerd words', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ message: "Content-Type specified (text/plain) must be 'application/json'" });
  });

  it('an unknown route is 404 "page not found"', async () => {
    const res = await inject(app, { method: 'GET', url: '/v1.41/no-such-endpoint' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message: 'page not found' });
  });

  it('an unknown route is 404 whatever its body', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/nowhere',
      headers: { 'content-type': 'application/x-tar' },
      payload: 'x',
    });
    expect([res.statusCode, res.json()]).toEqual([404, { message: 'page not found' }]);
  });

  it('an unsupported version is 400 whatever the path', async () => {
    for (const url of ['/v1.99/echo', '/v1.11/no-such-endpoint']) {
      const res = await inject(app, { method: 'GET', url });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/^client version 1\.\d+ is too (new|old)/);
    }
  });
});

describe('routing', () => {
  it('a GET route has no HEAD route of its own', async () => {
    const res = await inject(app, { method: 'HEAD', url: '/query' });
    expect(res.statusCode).toBe(404);
  });

  it('a repeated query key is a list, a bare key is empty', async () => {
    const res = await inject(app, { url: '/v1.41/query?a=1&a=2&b&c=x%20y' });
    expect(res.json()).toEqual({ a: ['1', '2'], b: '', c: 'x y' });
  });

  it('a stream that fails before its first byte is an ordinary error answer', async () => {
    const res = await inject(app, { url: '/stream-fails' });
    expect([res.statusCode, res.headers['content-type'], res.json()]).toEqual([
      404,
      'application/json',
      { message: 'gone before its first byte' },
    ]);
  });

  it('a path parameter may be 1024 characters long; a longer one matches no route', async () => {
    const ok = await inject(app, { url: `/param/${'x'.repeat(1024)}` });
    expect([ok.statusCode, ok.json()]).toEqual([200, { length: 1024 }]);
    const res = await inject(app, { url: `/param/${'x'.repeat(1025)}` });
    expect([res.statusCode, res.json()]).toEqual([404, { message: 'page not found' }]);
  });
});

describe('bodies', () => {
  it('an empty JSON body is no body, and no Content-Type with no body is fine', async () => {
    const typed = await inject(app, {
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
    });
    expect(typed.json()).toEqual({ body: null });
    const bare = await inject(app, { method: 'POST', url: '/echo' });
    expect(bare.json()).toEqual({ body: null });
  });

  it('JSON with a charset parses', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: '{"a":1}',
    });
    expect(res.json()).toEqual({ body: { a: 1 } });
  });

  it('a raw route reads any body, unparsed and unlimited', async () => {
    const payload = Buffer.alloc(JSON_BODY_LIMIT + 10, 1);
    const res = await inject(app, { method: 'POST', url: '/raw', payload });
    expect(res.json()).toEqual({ size: payload.length });
  });
});

describe('a refused upload', () => {
  it('leaves the keep-alive connection able to carry the next request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipd-upload-'));
    const socketPath = join(dir, 'api.sock');
    const server = buildServer({} as DaemonContext, { version: '9.9.9', routes: [testRoutes] });
    await server.listen({ path: socketPath });
    const agent = new Agent({ connect: { socketPath }, connections: 1 });
    try {
      const refused = await request('http://shipd/v1.41/refuse-upload', {
        method: 'POST',
        body: Buffer.alloc(4 << 20, 1),
        dispatcher: agent,
      });
      expect([refused.statusCode, await refused.body.json()]).toEqual([400, { message: 'not a whole tar' }]);
      const next = await request('http://shipd/v1.41/throw/NotFound', {
        dispatcher: agent,
        headersTimeout: 5000,
      });
      expect([next.statusCode, await next.body.json()]).toEqual([404, { message: 'No such container: x' }]);
    } finally {
      await agent.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('headers', () => {
  it('every answer carries dockerd headers, errors included', async () => {
    for (const url of ['/throw/NotFound', '/nowhere']) {
      const res = await inject(app, { method: 'GET', url });
      expect(res.headers['api-version']).toBe('1.41');
      expect(res.headers['docker-experimental']).toBe('false');
      expect(res.headers.ostype).toBe('linux');
      expect(res.headers.server).toBe('shipd/9.9.9 (linux)');
    }
  });
});

describe('--log-level debug', () => {
  it('writes one line per request to stderr when its answer ends', async () => {
    const logged = buildServer({} as DaemonContext, {
      version: '0',
      routes: [testRoutes],
      logRequests: true,
    });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await inject(logged, { url: '/v1.41/throw/NotFound' });
      await inject(logged, { url: '/_ping' });
      await logged.close(); // every connection ended: every line is out
    } finally {
      spy.mockRestore();
      await logged.close();
    }
    expect(lines).toEqual([
      expect.stringMatching(/ shipd: GET \/v1\.41\/throw\/NotFound 404 [\d.]+ ms\n$/),
      expect.stringMatching(/ shipd: GET \/_ping 404 [\d.]+ ms\n$/),
    ]);
  });
});
