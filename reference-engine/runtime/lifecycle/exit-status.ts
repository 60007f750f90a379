import { watch } from 'node:fs';
import { processAlive } from '../state/process-info.js';
import { containerDir, readExit, readState } from '../state/state-dir.js';

/** What the shim recorded when the container's init exited: code (status, or 128+signal) and signal. */
export interface ExitStatus {
  readonly code: number;
  readonly signal: number;
}

/**
 * The exit status the shim recorded (`exit` in the state dir), whether or not the shim is still
 * there; undefined while the container has not exited (or if its shim was killed before recording).
 */
export function recordedExit(root: string, id: string): Promise<ExitStatus | undefined> {
  return readExit(containerDir(root, id));
}

/**
 * Waits for the container's exit as the shim records it, without being the shim's parent (a daemon
 * restarted while containers run). Resolves with the status, or undefined when the shim is gone
 * without recording one (it was killed: its container died with it). Woken by the state dir's changes;
 * a check every `pollMs` covers missed events. Rejects with the signal's reason when aborted.
 */
export async function waitRecordedExit(
  root: string,
  id: string,
  opts: { signal?: AbortSignal; pollMs?: number } = {},
): Promise<ExitStatus | undefined> {
  const s = await readState(root, id);
  const dir = containerDir(root, id);
  let wake: () => void = () => {};
  const watcher = watch(dir, () => wake());
  watcher.on('error', () => wake());
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const exit = await readExit(dir);
      if (exit) return exit;
      const shimGone = s.shimPid === undefined || !processAlive(s.shimPid, s.shimStartTime);
      if (shimGone && !processAlive(s.pid, s.pidStartTime)) return readExit(dir);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, opts.pollMs ?? 500);
        function done() {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', done);
          resolve();
        }
        wake = done;
        opts.signal?.addEventListener('abort', done, { once: true });
      });
    }
  } finally {
    watcher.close();
  }
}
