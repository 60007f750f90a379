import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
// The project's own client, in a test only: the hijack must be what clients expect.
import { parseDockerAddress } from '../../../core/engines/docker-api/address.js';
import { collectFrames, demuxFrames } from '../../../core/engines/docker-api/demux.js';
import { hijack } from '../../../core/engines/docker-api/hijack.js';
import { pollFor } from '../../../core/wait-for.js';
import { NotFound } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { App } from '../http/app.js';
import { buildServer } from '../http/server.js';
import { type HijackRoute, registerHijackRoutes } from './hijack-routes.js';
import type { HijackHandler } from './hijack-types.js';
import { RouteTable } from './route-table.js';

/** Echoes: a greeting with the body on stdout, a line on stderr, stdin upper-cased, then bye. */
const echo: HijackHandler = async (_ctx, call) => {
  if (call.params.id === 'missing') throw new NotFound('No such container: missing');
  if (call.params.id === 'detach') return { kind: 'reply', status: 200 };
  return {
    kind: 'stream',
    tty: call.query.tty === '1',
    run: async (io) => {
      await io.output.write('stdout', Buffer.from(`hello ${JSON.stringify(call.body ?? null)}\n`));
      await io.output.write('stderr', Buffer.from('err\n'));
      const input = call.query.once === '1' ? undefined : io.input;
      // Not destroyed at its end: the output side stays open after the client's half-close.
      for await (const chunk of input?.iterator({ destroyOnReturn: false }) ?? [])
        await io.output.write('stdout', Buffer.from(String(chunk).toUpperCase()));
      await io.output.write('stdout', Buffer.from('bye\n'));
    },
  };
};

const table = new RouteTable<HijackRoute>()
  .add('POST', '/things/:id/attach', { handler: echo, transport: 'raw' })
  .add('GET', '/things/:id/attach/ws', { handler: echo, transport: 'websocket' });

let dir = '';
let socketPath = '';
let app: App;
const address = () => parseDockerAddress(`unix://${socketPath}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shipd-hijack-'));
  socketPath = join(dir, 'd.sock');
  app = buildServer({} as DaemonContext, {
    version: 'test',
    routes: [(a, ctx) => registerHijackRoutes(a, ctx, table)],
  });
  await app.listen({ path: socketPath });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rawExchange(request: string, waitMs = 2000): Promise<string> {
  const socket = connect({ path: socketPath });
  socket.write(request);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  socket.destroy();
  return Buffer.concat(chunks).toString('latin1');
}

describe('hijacked endpoints', () => {
  it("Upgrade: tcp answers dockerd's 101 head, then frames both ways with a version prefix", async () => {
    const conn = await hijack(address(), {
      method: 'POST',
      path: '/v1.40/things/abc/attach?stream=1',
      headers: { 'Content-Type': 'application/json' },
      body: '{"Detach":false}',
      timeoutMs: 5000,
      streamTimeoutMs: 5000,
    });
    expect(conn.status).toBe(101);
    expect(conn.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    expect(conn.headers.upgrade).toBe('tcp');
    conn.socket.write('shout\n');
    conn.socket.end();
    const out = await collectFrames(demuxFrames(conn.output));
    expect(out.stdout.toString()).toBe('hello {"Detach":false}\nSHOUT\nbye\n');
    expect(out.stderr.toString()).toBe('err\n');
  });

  it('the exact 101 head, byte for byte', async () => {
    const text = await rawExchange(
      'POST /things/a/attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n',
      300,
    );
    expect(
      text.startsWith(
        'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n',
      ),
    ).toBe(true);
  });

  it('without upgrade headers answers 200 raw-stream and closes at the end (no stdin)', async () => {
    const text = await rawExchange(
      'POST /things/a/attach?tty=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
    );
    expect(text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nhello null\nerr\nbye\n',
    );
  });

  it('the plain path reads a JSON body whatever its Content-Type (as dockerd decodes exec start)', async () => {
    const body = '{"Detach":false}';
    const text = await rawExchange(
      `POST /things/a/attach?tty=1 HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(text).toContain('hello {"Detach":false}\n');
  });

  it('an error found before the stream is a JSON answer with its status, both ways', async () => {
    const upgraded = await hijack(address(), {
      method: 'POST',
      path: '/things/missing/attach',
      timeoutMs: 5000,
      streamTimeoutMs: 5000,
    }).catch((err: unknown) => err as { status?: number; message: string });
    expect(upgraded).toMatchObject({ status: 404 });
    const plain = await rawExchange(
      'POST /things/missing/attach HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
      300,
    );
    expect(plain).toMatch(/^HTTP\/1\.1 404 /);
    expect(plain).toContain('{"message":"No such container: missing"}');
  });

  it('a reply plan answers plainly, and a refused version is 400 before any routing', async () => {
    const reply = await rawExchange(
      'POST /things/detach/attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const old = await rawExchange(
      'POST /v1.12/things/a/attach HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n',
    );
    expect(old).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('attach/ws: a websocket handshake, raw binary messages, and a normal close (1000) at the end', async () => {
    const ws = new WebSocket(`ws+unix://${socketPath}:/v1.41/things/a/attach/ws?once=1`);
    const got: string[] = [];
    ws.on('message', (data: Buffer, isBinary: boolean) =>
      got.push(`${isBinary ? 'b' : 't'}:${data.toString()}`),
    );
    const code = await new Promise<number>((resolve) => ws.on('close', (c: number) => resolve(c)));
    expect(code).toBe(1000);
    expect(got).toEqual(['b:hello null\n', 'b:err\n', 'b:bye\n']);
  });

  it('attach/ws: client messages are stdin', async () => {
    const ws = new WebSocket(`ws+unix://${socketPath}:/things/a/attach/ws`);
    let text = '';
    ws.on('message', (data: Buffer) => {
      text += data.toString();
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send('quiet\n');
    await pollFor(() => text.includes('QUIET'), { timeoutMs: 1000, intervalMs: 10, describe: 'the echo' });
    ws.close();
    expect(text).toContain('QUIET\n');
  });

  it('attach/ws without a websocket handshake is 400', async () => {
    const text = await rawExchange('GET /things/a/attach/ws HTTP/1.1\r\nHost: x\r\n\r\n', 300);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('not websocket protocol');
  });
});
