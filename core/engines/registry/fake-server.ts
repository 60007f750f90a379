import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake saw, body read in full. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export type FakeHandler = (req: SeenRequest, res: ServerResponse) => void;

/**
 * A scripted HTTP server on 127.0.0.1 (random port) for edge cases a real registry will not produce.
 * Lifecycle: `const fake = await startFake(handler)`, point a client at `fake.url`, inspect `fake.seen`,
 * then `await fake.close()` (destroys open sockets, so a stalled request ends too).
 */
export interface FakeServer {
  readonly url: string;
  readonly seen: readonly SeenRequest[];
  close(): Promise<void>;
}

export async function startFake(handler: FakeHandler): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answer with a status, headers and an optional body (string or JSON value). */
export function reply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  body?: unknown,
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
