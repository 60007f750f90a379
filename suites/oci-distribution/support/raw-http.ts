import { connect } from 'node:net';
import { TimeoutError } from '../../../core/errors.js';

/** What came back on a hand-written HTTP/1.1 exchange; `status` is undefined when no status line came. */
export interface RawExchange {
  readonly status?: number;
  readonly head: string;
  readonly body: string;
}

/**
 * Send bytes HTTP clients refuse to send (a Content-Length that disagrees with the body) over a plain
 * socket to an http:// registry, optionally half-closing after the body, and read until the server
 * closes. Bounded by `timeoutMs`; throws TimeoutError when the server neither answers nor closes.
 */
export function rawExchange(
  base: string,
  request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: Buffer;
    halfClose: boolean;
  },
  timeoutMs = 5_000,
): Promise<RawExchange> {
  const url = new URL(request.path, base);
  if (url.protocol !== 'http:') throw new Error(`raw exchange needs an http:// registry, not ${url.origin}`);
  const lines = [
    `${request.method} ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    'Connection: close',
    ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 80), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TimeoutError(`raw ${request.method} ${url.pathname}`, timeoutMs));
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({
        ...(status ? { status: Number(status) } : {}),
        head,
        body: split < 0 ? '' : text.slice(split + 4),
      });
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(request.body);
    if (request.halfClose) socket.end();
  });
}
