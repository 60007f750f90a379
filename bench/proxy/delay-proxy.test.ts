import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollFor } from '../../core/wait-for.js';
import { type DelayProxy, startDelayProxy } from './delay-proxy.js';

/** A fake engine: records what arrives; answers each request head with a fixed response. */
function fakeEngine(path: string) {
  const received: Buffer[] = [];
  const arrivals: { at: number; text: string }[] = [];
  const server: Server = createServer((s: Socket) => {
    s.on('data', (d: Buffer) => {
      received.push(d);
      const text = d.toString('latin1');
      arrivals.push({ at: performance.now(), text });
      if (text.startsWith('ECHO')) s.write(Buffer.from([0, 1, 2, 255, 10]));
      else if (text.includes('HTTP/1.1')) s.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
  });
  return {
    received,
    arrivals,
    listen: () => new Promise<void>((r) => server.listen(path, () => r())),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Sends `text` and resolves with the first bytes back and the time they took. */
async function roundTrip(socket: string, text: string | Buffer): Promise<{ ms: number; reply: Buffer }> {
  const c = createConnection(socket);
  const t = performance.now();
  c.write(text);
  const reply = await new Promise<Buffer>((resolve, reject) => {
    c.once('data', resolve);
    c.once('error', reject);
    setTimeout(() => reject(new Error('no reply within 5 s')), 5000).unref();
  });
  c.destroy();
  return { ms: performance.now() - t, reply };
}

describe('delay proxy', () => {
  let dir: string;
  let engine: ReturnType<typeof fakeEngine>;
  let proxy: DelayProxy;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-proxy-'));
    engine = fakeEngine(join(dir, 'engine.sock'));
    await engine.listen();
    proxy = await startDelayProxy({
      upstream: join(dir, 'engine.sock'),
      listen: join(dir, 'p.sock'),
      delayMs: 150,
    });
  });
  afterEach(async () => {
    await proxy.close();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delays POST /containers/{id}/start and nothing else', async () => {
    const fast = await roundTrip(
      join(dir, 'p.sock'),
      'GET /v1.41/containers/json HTTP/1.1\r\nHost: d\r\n\r\n',
    );
    const slow = await roundTrip(
      join(dir, 'p.sock'),
      'POST /v1.41/containers/abc/start HTTP/1.1\r\nHost: d\r\n\r\n',
    );
    expect(fast.ms).toBeLessThan(140);
    expect(slow.ms).toBeGreaterThanOrEqual(145);
    expect(slow.reply.toString()).toContain('204');
    expect(proxy.delayed()).toBe(1);
  });

  it('forwards bytes unchanged both ways, raw after a hijack', async () => {
    const head =
      'POST /v1.41/containers/a/attach?stream=1 HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';
    const c = createConnection(join(dir, 'p.sock'));
    const got: Buffer[] = [];
    c.on('data', (d: Buffer) => got.push(d));
    c.write(head);
    const received = (n: number, describe: string) =>
      pollFor(() => Buffer.concat(got).length >= n, { timeoutMs: 5000, intervalMs: 10, describe });
    await received(1, 'the upgrade answer');
    c.write(Buffer.from('ECHO \x00\xff', 'latin1'));
    await received(31, 'the echo');
    c.destroy();
    expect(Buffer.concat(engine.received).toString('latin1')).toBe(`${head}ECHO \x00\xff`);
    expect(Buffer.concat(got)).toEqual(
      Buffer.concat([Buffer.from('HTTP/1.1 204 No Content\r\n\r\n'), Buffer.from([0, 1, 2, 255, 10])]),
    );
    expect(proxy.delayed()).toBe(0);
  });
});
