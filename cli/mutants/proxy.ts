import { rm } from 'node:fs/promises';
import {
  Agent,
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import { createConnection, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { proxiedRequest, withoutHeaders } from './route.js';
import type { Mutation, ProxiedRequest, ResponseHead } from './types.js';

export interface MutationProxyOptions {
  /** Unix socket of the real engine, e.g. /var/run/docker.sock. */
  readonly upstream: string;
  /** Unix socket to listen on (replaced if it exists, removed on close). */
  readonly listen: string;
  /** The mistake to make; none gives a faithful control proxy. */
  readonly mutation?: Mutation;
  /** Bound on connecting to the engine and on reading its response head; default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * A Docker-API engine that is the real one behind a unix socket, wrong in one known way. Lifecycle:
 * `const p = await startMutationProxy(o)` -> point a client at `p.address` -> `await p.close()`.
 * Hijacked streams (Connection: Upgrade) are tunnelled byte for byte; `applied()` counts the requests
 * or responses a hook changed, so a test can tell a mutation that never fired.
 */
export interface MutationProxy {
  readonly address: string;
  readonly mutation: Mutation | undefined;
  applied(): number;
  close(): Promise<void>;
}

const pairs = (raw: readonly string[]): [string, string][] => {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] as string, raw[i + 1] as string]);
  return out;
};
const flat = (headers: readonly (readonly [string, string])[]): string[] => headers.flat();

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

function fail(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  const message = `mutation proxy: ${err instanceof Error ? err.message : String(err)}`;
  res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message }));
}

export async function startMutationProxy(o: MutationProxyOptions): Promise<MutationProxy> {
  const m = o.mutation;
  const timeoutMs = o.timeoutMs ?? 60_000;
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Duplex>();
  let applied = 0;
  const hit = <T>(v: T | undefined): T | undefined => {
    if (v !== undefined) applied++;
    return v;
  };

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const info = proxiedRequest(req.method ?? 'GET', req.url ?? '/');
    const url = hit(m?.rewriteUrl?.(info)) ?? info.url;
    const seen: ProxiedRequest = url === info.url ? info : proxiedRequest(info.method, url);
    let headers = pairs(req.rawHeaders);
    let body: Buffer | undefined;
    if (m?.rewriteRequestJson && /^application\/json/i.test(req.headers['content-type'] ?? '')) {
      body = await readAll(req);
      const doc = parseJson(body);
      const changed = doc === undefined ? undefined : hit(m.rewriteRequestJson(seen, doc));
      if (changed !== undefined) {
        body = Buffer.from(JSON.stringify(changed));
        const drop = new Set(['content-length', 'transfer-encoding']);
        headers = [
          ...headers.filter(([k]) => !drop.has(k.toLowerCase())),
          ['Content-Length', `${body.length}`],
        ];
      }
    }
    const up = request({
      socketPath: o.upstream,
      agent,
      method: info.method,
      path: url,
      headers: flat(headers) as unknown as OutgoingHttpHeaders,
      timeout: timeoutMs,
    });
    up.on('timeout', () => up.destroy(new Error(`no answer from ${o.upstream} in ${timeoutMs} ms`)));
    up.on('error', (err) => fail(res, err));
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    up.on('response', (ures) => {
      up.setTimeout(0);
      const original: ResponseHead = { status: ures.statusCode ?? 502, headers: pairs(ures.rawHeaders) };
      let head = hit(m?.rewriteHead?.(seen, original)) ?? original;
      const transform = hit(m?.transformBody?.(seen, head));
      if (transform) head = withoutHeaders(head, 'content-length');
      res.sendDate = false;
      const reason = head.status === original.status ? ures.statusMessage : undefined;
      if (reason) res.writeHead(head.status, reason, flat(head.headers));
      else res.writeHead(head.status, flat(head.headers));
      ures.on('error', (err) => fail(res, err));
      if (transform) ures.pipe(transform).pipe(res);
      else ures.pipe(res);
    });
    if (body !== undefined) up.end(body);
    else req.pipe(up);
  }

  /** Hijacked streams: the request head goes as it came, then bytes flow both ways untouched. */
  function tunnel(req: IncomingMessage, client: Duplex, head: Buffer): void {
    const up: Socket = createConnection({ path: o.upstream, allowHalfOpen: true });
    sockets.add(up);
    const lines = [
      `${req.method} ${req.url} HTTP/${req.httpVersion}`,
      ...pairs(req.rawHeaders).map(([k, v]) => `${k}: ${v}`),
    ];
    up.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) up.write(head);
    up.pipe(client);
    client.pipe(up);
    const end = () => {
      up.destroy();
      client.destroy();
    };
    up.on('error', end);
    client.on('error', end);
    up.on('close', () => {
      sockets.delete(up);
      client.end();
    });
  }

  await rm(o.listen, { force: true });
  const server = createServer((req, res) => void forward(req, res).catch((err) => fail(res, err)));
  server.keepAliveTimeout = 60_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', tunnel);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.listen, () => resolve());
  });
  return {
    address: `unix://${o.listen}`,
    mutation: m,
    applied: () => applied,
    async close() {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(o.listen, { force: true });
    },
  };
}
