import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../http/app.js';

/** One request to send: a payload that is neither a string nor a Buffer goes as JSON. */
export interface InjectRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string | undefined>;
  payload?: unknown;
}

export interface InjectResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as JSON, of whatever shape the test expects (as light-my-request's). */
  // biome-ignore lint/suspicious/noExplicitAny: a test reads answers of any shape
  json(): any;
}

const ports = new WeakMap<App, Promise<number>>();

/** The app's port on 127.0.0.1, listening from the first call on (app.close() stops it). */
export function portOf(app: App): Promise<number> {
  let port = ports.get(app);
  if (port === undefined) {
    port = app.listen({ host: '127.0.0.1', port: 0 }).then(() => (app.server.address() as AddressInfo).port);
    ports.set(app, port);
  }
  return port;
}

/**
 * Sends one request to the app over a real connection (loopback, closed after the answer), as a
 * client does: the whole edge runs (parser, version prefix, headers, bodies, errors).
 */
export async function inject(app: App, req: InjectRequest): Promise<InjectResponse> {
  const port = await portOf(app);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {}))
    if (value !== undefined) headers[name] = value;
  let body: string | Buffer | undefined;
  if (typeof req.payload === 'string' || Buffer.isBuffer(req.payload)) body = req.payload;
  else if (req.payload !== undefined) {
    body = JSON.stringify(req.payload);
    headers['content-type'] ??= 'application/json';
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const out = request(
      { host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.url, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    out.setTimeout(30_000, () => out.destroy(new Error(`no answer to ${req.url} in 30 s`)));
    out.on('error', reject);
    out.end(body);
  });
}
