import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseEvent, type RuntimeEvent } from './parse.js';

/**
 * A running `<runtime> events` stream. Lifecycle: `openEventStream` spawns it (its own process group)
 * -> `events` fills as lines arrive -> `exited` resolves with the exit status when the runtime ends the
 * stream (runc: once the container's cgroup is gone) -> `close()` kills what is left. A hard deadline
 * kills it anyway, so a stream never outlives its test.
 */
export interface EventStream {
  readonly events: readonly RuntimeEvent[];
  /** Lines that were not events (kept for failure messages). */
  readonly junk: readonly string[];
  /** The exit status (128 + signal when killed). */
  readonly exited: Promise<number>;
  close(): Promise<void>;
}

export function openEventStream(
  file: string,
  args: readonly string[],
  opts: { what: string; deadlineMs: number },
): EventStream {
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  const events: RuntimeEvent[] = [];
  const junk: string[] = [];
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  const timer = setTimeout(killGroup, opts.deadlineMs);
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim() === '') return;
      try {
        events.push(parseEvent(line, opts.what));
      } catch {
        junk.push(line);
      }
    });
  }
  const exited = new Promise<number>((res) => {
    child.on('error', () => res(127));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
    });
  });
  return {
    events,
    junk,
    exited,
    close: async () => {
      killGroup();
      await exited;
    },
  };
}
