import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonContext } from '../context.js';
import type { App } from './app.js';
import { buildServer } from './server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function listening(setup: (app: App) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'shipd-upgrade-'));
  const app = buildServer({} as DaemonContext, {
    version: '0',
    routes: [(a) => a.get('/hello', async () => 'plain')],
  });
  setup(app);
  await app.listen({ path: join(dir, 's.sock') });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => app.close());
  return join(dir, 's.sock');
}

/** Sends raw request text and reads until the server closes. */
async function exchange(socketPath: string, text: string): Promise<string> {
  const socket = connect(socketPath);
  socket.end(text);
  let out = '';
  socket.on('data', (d: Buffer) => {
    out += d.toString();
  });
  await once(socket, 'close');
  return out;
}

const upgradeGet = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`;

describe("the server's upgrade listener", () => {
  it('hands the unversioned path to the hijack handler', async () => {
    const seen: string[] = [];
    const path = await listening((app) =>
      app.onUpgrade((req, socket) => {
        seen.push(req.url ?? '');
        socket.end('HTTP/1.1 101 UPGRADED\r\n\r\nraw');
        return true;
      }),
    );
    expect(await exchange(path, upgradeGet('/v1.40/hello?x=1'))).toMatch(
      /^HTTP\/1\.1 101 UPGRADED\r\n\r\nraw$/,
    );
    expect(seen).toEqual(['/hello?x=1']);
  });

  it('routes what the handler declines as a plain request', async () => {
    const path = await listening((app) => app.onUpgrade(() => false));
    const answer = await exchange(path, upgradeGet('/v1.41/hello'));
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toMatch(/\r\n\r\nplain$/);
  });

  it('with no handler, an unknown path is 404 and a refused version 400, as plain requests', async () => {
    const path = await listening(() => {});
    expect(await exchange(path, upgradeGet('/nowhere'))).toMatch(/^HTTP\/1\.1 404[\s\S]*page not found/);
    expect(await exchange(path, upgradeGet('/v1.99/hello'))).toMatch(/^HTTP\/1\.1 400[\s\S]*too new/);
  });

  it('refuses an upgrade request that carries a body it could not read', async () => {
    const path = await listening(() => {});
    const text =
      'POST /hello HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}';
    expect(await exchange(path, text)).toMatch(/^HTTP\/1\.1 400 Bad Request[\s\S]*cannot carry a body/);
  });
});
