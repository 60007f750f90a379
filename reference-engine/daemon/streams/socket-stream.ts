import type { Duplex } from 'node:stream';
import type { HijackPlan, StreamIO } from './hijack-types.js';
import { OutputWriter } from './output-writer.js';

export type StreamPlan = Extract<HijackPlan, { kind: 'stream' }>;

/** How long a finished stream may take to flush to a client that stopped reading. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Drives a stream plan on a taken-over socket: writes `head` (101 UPGRADED or 200 raw-stream), runs
 * the plan with the socket as output and (when `input`: an upgraded socket, whose input is ours) as
 * the client's stdin, then ends the socket.
 * A failure of the plan mid-stream is written as an error frame, as dockerd does.
 */
export async function streamOnSocket(
  socket: Duplex,
  plan: StreamPlan,
  opts: { head: string; input: boolean },
): Promise<void> {
  const controller = new AbortController();
  const gone = () => controller.abort();
  socket.once('close', gone);
  socket.on('error', gone);
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
  if ('setTimeout' in socket && typeof socket.setTimeout === 'function') socket.setTimeout(0);
  socket.write(opts.head);
  const io: StreamIO = {
    output: new OutputWriter(socket, !plan.tty),
    input: opts.input ? socket : undefined,
    signal: controller.signal,
  };
  try {
    await plan.run(io);
  } catch (err) {
    await io.output.error(err instanceof Error ? err.message : String(err));
  } finally {
    socket.off('close', gone);
    closeSocket(socket);
  }
}

/** Ends the socket (flushing what is queued), destroying it once flushed or after a grace period. */
export function closeSocket(socket: Duplex): void {
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.end(() => socket.destroy());
}
