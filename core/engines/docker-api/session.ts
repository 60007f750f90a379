import type { Writable } from 'node:stream';
import { type CollectedOutput, collectFrames, type Frame, outputFrames } from './demux.js';
import type { HijackedConnection } from './hijack.js';

/**
 * An attached container or exec: stdin goes in, frames come out. Lifecycle:
 *   const s = await client.containers.attach(id, { stdin: true });
 *   await s.write('input\n'); s.closeStdin();          // half-close: the process sees EOF
 *   const { stdout, stderr } = await s.collect();      // or: for await (const frame of s.output)
 *   s.close();                                          // always safe; frees the socket
 */
export interface HijackedSession {
  /** 101 for the upgrade form, 200 for the plain raw-stream form. */
  readonly status: number;
  readonly upgraded: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly tty: boolean;
  /** The stdin side (the socket itself); prefer `write` and `closeStdin`. */
  readonly stdin: Writable;
  /** Demultiplexed frames (raw chunks as stdout frames when tty). Iterate once. */
  readonly output: AsyncIterable<Frame>;
  write(data: string | Uint8Array): Promise<void>;
  /** Half-close: `socket.end()`; output keeps flowing until the engine closes its side. */
  closeStdin(): void;
  /** Drain `output` into per-stream buffers. */
  collect(): Promise<CollectedOutput>;
  close(): void;
}

export function hijackedSession(conn: HijackedConnection, tty: boolean): HijackedSession {
  const { socket } = conn;
  const output = outputFrames(conn.output, tty);
  return {
    status: conn.status,
    upgraded: conn.upgraded,
    headers: conn.headers,
    tty,
    stdin: socket,
    output,
    write: (data) =>
      new Promise<void>((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve()))),
    closeStdin: () => {
      socket.end();
    },
    collect: () => collectFrames(output),
    close: () => {
      socket.destroy();
    },
  };
}
