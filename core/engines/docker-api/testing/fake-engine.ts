import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * A scripted Engine API server on a unix socket in a temp dir, for edge cases real engines will not
 * produce on demand. Lifecycle: `const fake = await startFakeEngine({ request })`, point a client at
 * `fake.address`, look at `fake.requests`, then `await fake.close()` (removes the socket dir).
 */
export interface FakeEngine {
  readonly address: string;
  readonly socketPath: string;
  /** `METHOD url` of each request received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFakeEngine(
  handlers: { request?: RequestHandler; upgrade?: UpgradeHandler; apiVersion?: string } = {},
): Promise<FakeEngine> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-fake-engine-'));
  const socketPath = join(dir, 'engine.sock');
  const requests: string[] = [];
  const sockets = new Set<Duplex>();
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === '/_ping' && handlers.apiVersion !== undefined) {
      res.writeHead(200, { 'API-Version': handlers.apiVersion, 'Content-Type': 'text/plain' }).end('OK');
    } else if (handlers.request) handlers.request(req, res);
    else res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"page not found"}');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    requests.push(`${req.method} ${req.url}`);
    if (handlers.upgrade) handlers.upgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    address: `unix://${socketPath}`,
    socketPath,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One multiplexed frame: type byte, 3 zero bytes, uint32 BE length, payload. */
export function frame(type: number, payload: string | Buffer): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

/** Write pieces one by one, each flushed before the next, so the client sees them as separate chunks. */
export async function writeInPieces(res: { write(b: Buffer, cb: () => void): unknown }, pieces: Buffer[]) {
  for (const piece of pieces) {
    await new Promise<void>((resolve) => res.write(piece, resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
