import { connect, type Socket } from 'node:net';
import { ShipshapeError, TimeoutError } from '../../errors.js';
import type { DockerAddress } from './address.js';
import { dechunk } from './chunked.js';
import { formatHttpRequest, type HttpHead, parseHttpHead } from './http-head.js';
import { engineErrorFrom } from './raw-response.js';
import { classifyTransportError } from './transport-errors.js';

export interface HijackRequest {
  readonly method: string;
  /** Path including the query string. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON text (exec start) or nothing (attach). */
  readonly body?: string;
  /** Connect and read the response head within this time. */
  readonly timeoutMs: number;
  /** Longest life of the connection after the head; 0 means no limit. */
  readonly streamTimeoutMs: number;
}

/** A connection the engine has handed over to raw stdin/stdout after `101 UPGRADED` or `200`. */
export interface HijackedConnection extends HttpHead {
  readonly upgraded: boolean;
  /** The socket: write stdin to it, `end()` it to half-close stdin. Read output from `output`, not here. */
  readonly socket: Socket;
  /** Output bytes after the head (de-chunked when the engine chunked a 200 answer). Single consumer. */
  readonly output: AsyncIterable<Buffer>;
}

const MAX_HEAD = 64 * 1024;

/** Send the request over a fresh socket and take the connection over once the engine agrees. */
export async function hijack(address: DockerAddress, req: HijackRequest): Promise<HijackedConnection> {
  const what = `${req.method} ${req.path}`;
  const socket =
    address.kind === 'unix'
      ? connect({ path: address.socketPath, allowHalfOpen: true })
      : connect({ host: address.host, port: address.port, allowHalfOpen: true });
  const timer = setTimeout(() => socket.destroy(new TimeoutError(what, req.timeoutMs)), req.timeoutMs);
  try {
    const host = address.kind === 'unix' ? 'docker' : `${address.host}:${address.port}`;
    const headers = {
      Host: host,
      'User-Agent': 'shipshape',
      Connection: 'Upgrade',
      Upgrade: 'tcp',
      ...req.headers,
    };
    socket.write(formatHttpRequest(req.method, req.path, headers, Buffer.from(req.body ?? '', 'utf8')));
    const { head, rest } = await readHead(socket, what);
    if (head.status !== 101 && head.status !== 200) {
      const body = await readErrorBody(socket, head, rest);
      socket.destroy();
      throw engineErrorFrom(head.status, body, what);
    }
    armLifetime(socket, what, req.streamTimeoutMs);
    const chunked = head.headers['transfer-encoding']?.toLowerCase().includes('chunked') === true;
    const bytes = socketBytes(socket, rest, address.text, what);
    return { ...head, upgraded: head.status === 101, socket, output: chunked ? dechunk(bytes) : bytes };
  } catch (err) {
    socket.destroy();
    throw classifyTransportError(err, address.text, what);
  } finally {
    clearTimeout(timer);
  }
}

function readHead(socket: Socket, what: string): Promise<{ head: HttpHead; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (err?: unknown, value?: { head: HttpHead; rest: Buffer }) => {
      socket.off('data', onData).off('error', done).off('end', onEnd);
      socket.pause();
      if (value !== undefined) resolve(value);
      else reject(err);
    };
    const onEnd = () =>
      done(new ShipshapeError('PROTOCOL', `${what}: connection closed before the response head`));
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0 && buf.length > MAX_HEAD)
        done(new ShipshapeError('PROTOCOL', `${what}: response head too large`));
      if (end < 0) return;
      try {
        done(undefined, {
          head: parseHttpHead(buf.subarray(0, end).toString('latin1'), what),
          rest: buf.subarray(end + 4),
        });
      } catch (err) {
        done(err);
      }
    };
    socket.on('data', onData).on('error', done).on('end', onEnd);
  });
}

async function readErrorBody(socket: Socket, head: HttpHead, rest: Buffer): Promise<Buffer> {
  const length = Number(head.headers['content-length'] ?? Number.NaN);
  const source = (async function* () {
    yield rest;
    for await (const chunk of socket) yield chunk as Buffer;
  })();
  const chunked = head.headers['transfer-encoding']?.toLowerCase().includes('chunked') === true;
  const parts: Buffer[] = [];
  let total = 0;
  for await (const part of chunked ? dechunk(source) : source) {
    parts.push(part);
    total += part.length;
    if (!chunked && total >= length) break;
  }
  return Buffer.concat(parts).subarray(0, Number.isNaN(length) ? undefined : length);
}

function armLifetime(socket: Socket, what: string, ms: number): void {
  if (ms <= 0) return;
  const timer = setTimeout(() => socket.destroy(new TimeoutError(`${what} stream`, ms)), ms);
  socket.once('close', () => clearTimeout(timer));
}

async function* socketBytes(
  socket: Socket,
  rest: Buffer,
  address: string,
  what: string,
): AsyncGenerator<Buffer> {
  if (rest.length > 0) yield rest;
  try {
    for await (const chunk of socket) yield chunk as Buffer;
  } catch (err) {
    throw classifyTransportError(err, address, what);
  }
  if (!socket.writableEnded) socket.end();
}
