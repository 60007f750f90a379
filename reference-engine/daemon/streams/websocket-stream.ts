import type { IncomingMessage } from 'node:http';
import { type Duplex, Readable, Writable } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { StreamIO } from './hijack-types.js';
import { OutputWriter } from './output-writer.js';
import type { StreamPlan } from './socket-stream.js';

/** The one ws server of the daemon, bound to no port: it only performs handshakes handed to it. */
let server: WebSocketServer | undefined;
const wsServer = (): WebSocketServer => {
  server ??= new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  return server;
};

/**
 * Completes the websocket handshake of `req` (a 400 from ws when it is not a valid one) and drives the
 * plan over it: output as binary messages, always raw (as dockerd's attach/ws: no stream headers), the
 * client's messages as stdin when `input`, then a normal close (1000) once the output is flushed.
 */
export function streamOnWebsocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  plan: StreamPlan,
  opts: { input: boolean },
): void {
  wsServer().handleUpgrade(req, socket, head, (ws) => {
    void drive(ws, plan, opts.input);
  });
}

async function drive(ws: WebSocket, plan: StreamPlan, input: boolean): Promise<void> {
  const controller = new AbortController();
  ws.once('close', () => controller.abort());
  ws.on('error', () => controller.abort());
  const out = messagesOut(ws);
  const io: StreamIO = {
    output: new OutputWriter(out, false),
    input: input ? messagesIn(ws) : undefined,
    signal: controller.signal,
  };
  try {
    await plan.run(io);
  } catch (err) {
    await io.output.error(err instanceof Error ? err.message : String(err));
  } finally {
    await new Promise<void>((resolve) => {
      out.once('error', () => resolve());
      out.end(() => resolve());
    });
    if (ws.readyState === ws.OPEN) ws.close(1000);
  }
}

/** A Writable whose chunks are sent as binary messages, each write done once ws has sent it. */
function messagesOut(ws: WebSocket): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (ws.readyState !== ws.OPEN) return done(new Error('websocket closed'));
      ws.send(chunk, { binary: true }, (err) => done(err ?? null));
    },
  });
}

/** The client's messages as a byte stream (ending at the close), pausing the socket when not read. */
function messagesIn(ws: WebSocket): Readable {
  const input = new Readable({
    read() {
      ws.resume();
    },
  });
  ws.on('message', (data: RawData) => {
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (!input.push(chunk)) ws.pause();
  });
  ws.once('close', () => input.push(null));
  return input;
}
