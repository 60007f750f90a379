import { connect, type Socket } from 'node:net';
import { parseDockerAddress } from '../engines/docker-api/address.js';

/** One HTTP answer read to the end of the connection. */
export interface RawAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The bytes of one HTTP/1.1 request that closes its connection after the answer. */
export function requestBytes(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Buffer {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: docker', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

/**
 * Sends `bytes` on a new connection to `address` (unix:// or tcp://) and reads the answer until the
 * server closes. Raw on purpose: a client library would refuse to send much of what a fuzzer sends.
 * Rejects when the connection fails, when no status line came, or after `timeoutMs`.
 */
export function sendRaw(
  address: string,
  bytes: Buffer,
  timeoutMs: number,
  headOnly = false,
  opts: { halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const where = parseDockerAddress(address);
  return new Promise((resolve, reject) => {
    const socket: Socket =
      where.kind === 'unix'
        ? connect({ path: where.socketPath })
        : connect({ host: where.host, port: where.port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const partial = tryParse(Buffer.concat(chunks), headOnly);
      reject(
        new Error(
          `no whole answer within ${timeoutMs} ms${partial ? ` (status ${partial.status} came)` : ''}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', (err) => {
      clearTimeout(timer);
      // A server may answer and close before reading the whole request: the answer still counts.
      const answer = tryParse(Buffer.concat(chunks), headOnly);
      if (answer) resolve(answer);
      else reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const answer = tryParse(Buffer.concat(chunks), headOnly);
      if (answer) resolve(answer);
      else reject(new Error('the connection closed without an answer'));
    });
    // One write: libuv sends what fits at once and the rest as the socket drains, reading before
    // writing on each wakeup, so a server that answers early (a body over its limit) and closes is
    // read before the write fails with EPIPE. (Writing piece by piece calls write(2) at once each
    // time and can hit EPIPE before the answer is read.) `Connection: close` makes the server close
    // once it has answered; `halfClose` also ends the sending side after the request, as some clients do.
    socket.write(bytes);
    if (opts.halfClose) socket.end();
  });
}

/** Status line, headers and body (chunked decoded; none for HEAD) of a whole answer; undefined if none. */
export function tryParse(data: Buffer, headOnly = false): RawAnswer | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  const body = headOnly
    ? Buffer.alloc(0)
    : /chunked/i.test(headers['transfer-encoding'] ?? '')
      ? dechunk(rest)
      : rest;
  return { status: Number(m[1]), headers, body };
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < 1_000_000 && at < data.length; i++) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}
