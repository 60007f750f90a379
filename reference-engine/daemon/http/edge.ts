import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { InvalidArgument } from '../../errors.js';

// What Node's HTTP layer lets through, or drops unanswered, that an HTTP/1.1 server must answer: each
// found by the malformed-request fuzzer (core/fuzz, reference-engine/daemon/fuzz.test.ts).

/** How much of a refused body is read and dropped before the answer, and for how long at most. */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 5000;
/** How long a connection refused at the parser keeps reading before it is closed. */
const LINGER_MS = 1000;

/**
 * Reads and drops what is left of a request body that is refused before it was read (too large), so
 * that the answer is read by the client (RFC 9112 9.6): closing a connection that still has unread
 * bytes makes the client's next write fail (EPIPE, or a TCP reset) and it may lose the answer. Gives
 * up after DRAIN_CAP_BYTES or DRAIN_MS; the answer then goes anyway, and the connection closes after it.
 */
export function drainRequest(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_CAP_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MS);
    req.on('data', onData);
    req.once('end', done);
    req.once('close', done);
    req.once('error', done);
    req.resume();
  });
}

const answered = new WeakSet<Duplex>();

interface ParserError extends Error {
  code?: string;
}

/**
 * The answer to a request Node's HTTP parser refused (a bad request line, a header over the limit):
 * dockerd's `{"message"}` shape, then a lingering close (our side ends, what the client still sends
 * is read and dropped for LINGER_MS) so that the client reads the answer.
 */
export function answerClientError(err: ParserError, socket: Duplex): void {
  // What the client still sends goes through the failed parser again and comes back here: the
  // answer is out already, keep lingering.
  if (answered.has(socket)) return;
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const [status, reason, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'request header fields too large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request timeout']
        : [400, 'Bad Request', `malformed HTTP request: ${err.message}`];
  socket.on('error', () => {});
  socket.end(rawAnswer(status, reason, message));
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** A JSON refusal written straight to a socket Node took away from the HTTP layer. */
function rawAnswer(status: number, reason: string, message: string): string {
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** CONNECT goes to the server's 'connect' event, and with no listener Node drops the connection: 404 as dockerd. */
export function answerConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => {});
  socket.end(rawAnswer(404, 'Not Found', 'page not found'));
}

/**
 * A client may end its side once its request is sent (half-close); Node's server then drops the
 * request unanswered unless `httpAllowHalfOpen` (Node's own switch, set in its tests) is on: it then
 * answers, and closes after the answer.
 */
export function answerHalfClosed(server: Server): void {
  (server as Server & { httpAllowHalfOpen?: boolean }).httpAllowHalfOpen = true;
}

/**
 * What Node's parser lets through but HTTP/1.1 refuses (RFC 9112 3.2): more than one Host header; and
 * an HTTP/0.9 request line (no version), which no Docker client sends.
 */
export function checkHttpMessage(req: IncomingMessage): void {
  if (req.httpVersionMajor < 1) throw new InvalidArgument('HTTP/0.9 requests are not served');
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'host') hosts++;
  if (hosts > 1) throw new InvalidArgument('a request must have one Host header, not several');
}
