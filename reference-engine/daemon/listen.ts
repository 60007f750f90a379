import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname } from 'node:path';
import type { ListenAddress } from './context.js';
import type { App } from './http/app.js';

/** The socket's mode, as dockerd's: owner and group read/write, nobody else. */
export const SOCKET_MODE = 0o660;

/**
 * Listens on every address: the first through the app's own server, the others through plain HTTP servers
 * that hand their requests (and upgrades) to the same router. A stale socket file is removed first
 * (the daemon lock guarantees no other shipd owns it); a unix socket is chmod 0660.
 */
export async function listenAll(app: App, hosts: readonly ListenAddress[]): Promise<() => Promise<void>> {
  const [first, ...rest] = hosts;
  if (first === undefined) throw new Error('no address to listen on');
  prepare(first);
  await app.listen(first.kind === 'unix' ? { path: first.path } : { host: first.host, port: first.port });
  finish(first);
  const extra: Server[] = [];
  for (const host of rest) {
    const server = createServer((req, res) => app.routing(req, res));
    server.on('upgrade', (req, socket, head) => app.server.emit('upgrade', req, socket, head));
    prepare(host);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      if (host.kind === 'unix') server.listen(host.path, resolve);
      else server.listen(host.port, host.host, resolve);
    });
    finish(host);
    extra.push(server);
  }
  return async () => {
    for (const server of extra) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

function prepare(host: ListenAddress): void {
  if (host.kind !== 'unix') return;
  mkdirSync(dirname(host.path), { recursive: true });
  try {
    if (lstatSync(host.path).isSocket()) unlinkSync(host.path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function finish(host: ListenAddress): void {
  if (host.kind === 'unix') chmodSync(host.path, SOCKET_MODE);
}
