import type { Writable } from 'node:stream';
import { muxFrame, type OutputStream } from './mux-frame.js';

/**
 * Container output towards one client: 8-byte-header frames when multiplexed (no TTY), the bytes as
 * they are otherwise. `write` waits while the transport is full, so a slow client slows the reader
 * (a followed log) instead of filling memory. Writes after the client went are dropped.
 */
export class OutputWriter {
  constructor(
    private readonly out: Writable,
    readonly multiplexed: boolean,
  ) {}

  /** True once the client has gone (or the transport was ended). */
  get closed(): boolean {
    return this.out.destroyed || this.out.writableEnded;
  }

  async write(stream: OutputStream, data: Buffer): Promise<void> {
    if (data.length === 0 || this.closed) return;
    if (!this.out.write(this.multiplexed ? muxFrame(stream, data) : data)) await drained(this.out);
  }

  /** An error met mid-stream: a stream-3 frame when multiplexed (moby's stdcopy), else the text. */
  async error(message: string): Promise<void> {
    if (this.closed) return;
    const text = Buffer.from(`${message}\n`);
    if (!this.out.write(this.multiplexed ? muxFrame('systemError', text) : text)) await drained(this.out);
  }
}

/** Resolves on 'drain', or when the transport closes or fails first. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    out.on('drain', done).on('close', done).on('error', done);
  });
}
