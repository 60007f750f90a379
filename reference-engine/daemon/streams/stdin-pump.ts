import type { Readable, Writable } from 'node:stream';
import { DetachDetector } from './detach-keys.js';

/** How a client's stdin ended: its half-close, the detach keys, or the session's end. */
export type StdinOutcome = 'eof' | 'detached' | 'aborted';

/**
 * Copies the client's stdin into `sink` (the container's stdin FIFO, an exec's stdin pipe) with
 * backpressure, watching for the detach sequence when `detachKeys` is given. At the client's
 * half-close the sink is ended; on detach or abort it is destroyed. Never rejects.
 */
export function pumpStdin(
  input: Readable,
  sink: Writable,
  opts: { detachKeys?: Buffer; signal: AbortSignal },
): Promise<StdinOutcome> {
  const detector = opts.detachKeys ? new DetachDetector(opts.detachKeys) : undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: StdinOutcome) => {
      if (settled) return;
      settled = true;
      input.off('data', onData).off('end', onEnd).off('error', onError);
      sink.off('error', onError).off('drain', onDrain);
      opts.signal.removeEventListener('abort', onAbort);
      if (outcome === 'eof') sink.end();
      else sink.destroy();
      input.pause();
      resolve(outcome);
    };
    const onDrain = () => input.resume();
    const onData = (chunk: Buffer) => {
      const { pass, detached } = detector ? detector.push(chunk) : { pass: chunk, detached: false };
      if (pass.length > 0 && !sink.write(pass)) {
        input.pause();
        sink.once('drain', onDrain);
      }
      if (detached) finish('detached');
    };
    const onEnd = () => finish('eof');
    const onError = () => finish('aborted');
    const onAbort = () => finish('aborted');
    sink.on('error', onError);
    // Errors after the end (a FIFO's shutdown, a closed pipe) are the sink's last words: ignored.
    sink.on('error', () => {});
    input.on('data', onData).once('end', onEnd).once('error', onError);
    // A 'data' listener does not restart a stream paused before (readUpgradeBody pauses the socket
    // after reading a body that came apart from the head): without this, stdin would never flow.
    input.resume();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    if (opts.signal.aborted) finish('aborted');
  });
}
