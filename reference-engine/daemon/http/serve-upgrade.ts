import { type IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { applyVersionPrefix } from './api-version.js';
import type { App } from './app.js';

/**
 * The server's 'upgrade' listener. Node sends every request with `Connection: Upgrade` here instead of
 * to the router, so: apply the version rule, offer the request to the hijack handler, and route what it
 * does not take (a stray `Upgrade: h2c`, an unknown path) as a plain request on a one-shot response.
 */
export function handleUpgrade(app: App, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  const rule = applyVersionPrefix(req.url ?? '/');
  if (rule.ok) {
    const handler = app.upgradeHandler;
    const original = req.url;
    req.url = rule.path;
    if (handler?.(req, socket, head)) return;
    req.url = original;
  }
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')) {
    // Node has handed the socket over: a body here would never reach the router.
    refuse(socket, 400, 'this request cannot carry a body together with Connection: Upgrade');
    return;
  }
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as never);
  res.on('finish', () => {
    res.detachSocket(socket as never);
    socket.end();
  });
  app.routing(req, res);
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
