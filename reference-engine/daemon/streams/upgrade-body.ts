import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { InvalidArgument } from '../../errors.js';

/** Hijacked requests carry small JSON bodies at most (exec start: `{"Detach":false,"Tty":false}`). */
const MAX_BODY = 64 * 1024;
const BODY_TIMEOUT_MS = 10_000;

/**
 * The body of an upgrade request, which Node leaves on the socket: `head` (the bytes read past the
 * request head) plus what follows, up to Content-Length. The socket then carries only the stream;
 * bytes beyond the body go back to it. Parsed as JSON when there is one; undefined when there is none.
 */
export async function readUpgradeBody(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<unknown> {
  if (req.headers['transfer-encoding'] !== undefined)
    throw new InvalidArgument('a chunked body is not supported on an upgraded connection');
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0) throw new InvalidArgument('bad Content-Length');
  if (length > MAX_BODY) throw new InvalidArgument(`request body over ${MAX_BODY} bytes`);
  let body = head;
  if (body.length < length) body = Buffer.concat([body, await readMore(socket, length - body.length)]);
  if (body.length > length) socket.unshift(body.subarray(length));
  const text = body.subarray(0, length).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvalidArgument(`invalid JSON body: ${(err as Error).message}`);
  }
}

function readMore(socket: Duplex, want: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData).off('end', onEnd).off('error', finish);
      socket.pause();
      const all = Buffer.concat(chunks);
      if (err) reject(err);
      else {
        if (all.length > want) socket.unshift(all.subarray(want));
        resolve(all.subarray(0, want));
      }
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= want) finish();
    };
    const onEnd = () => finish(new InvalidArgument('connection closed inside the request body'));
    const timer = setTimeout(
      () => finish(new InvalidArgument('timed out reading the request body')),
      BODY_TIMEOUT_MS,
    );
    socket.on('data', onData).on('end', onEnd).on('error', finish);
  });
}
