import { rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { isContainerStart, type RequestMatcher, RequestScanner } from './request-scanner.js';

export interface DelayProxyOptions {
  /** Unix socket of the real engine, e.g. /var/run/docker.sock. */
  readonly upstream: string;
  /** Unix socket to listen on (removed first if it exists, and on close). */
  readonly listen: string;
  /** Added before each matching request is forwarded. */
  readonly delayMs: number;
  /** Which requests to delay; default `POST /containers/{id}/start`. */
  readonly match?: RequestMatcher;
}

/**
 * A unix-socket proxy in front of a Docker API socket that delays chosen requests and forwards every
 * byte unchanged both ways (responses, streams and hijacked connections are piped as they are).
 * Lifecycle: `await startDelayProxy(o)` -> point a client at `unix://<listen>` -> `await close()`.
 */
export interface DelayProxy {
  readonly address: string;
  /** Requests delayed so far. */
  readonly delayed: () => number;
  close(): Promise<void>;
}

function relay(client: Socket, o: DelayProxyOptions, count: () => void): void {
  const upstream = createConnection(o.upstream);
  const scanner = new RequestScanner(o.match ?? isContainerStart);
  let queue = Promise.resolve();
  const fail = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('data', (chunk: Buffer) => {
    let segments: ReturnType<RequestScanner['push']>;
    try {
      segments = scanner.push(chunk);
    } catch {
      return fail();
    }
    client.pause();
    queue = queue.then(async () => {
      for (const s of segments) {
        if (s.delay) {
          count();
          await new Promise((r) => setTimeout(r, o.delayMs));
        }
        if (!upstream.destroyed) upstream.write(s.bytes);
      }
      client.resume();
    });
  });
  client.on('end', () => void queue.then(() => upstream.end()));
  upstream.pipe(client);
  client.on('error', fail);
  upstream.on('error', fail);
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}

export async function startDelayProxy(o: DelayProxyOptions): Promise<DelayProxy> {
  await rm(o.listen, { force: true });
  let delayed = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    relay(client, o, () => delayed++);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.listen, () => resolve());
  });
  return {
    address: `unix://${o.listen}`,
    delayed: () => delayed,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(o.listen, { force: true });
    },
  };
}
