import type { SideMonitor } from '../plan/plan.js';
import { msSince, now } from '../runner/clock.js';
import type { PidLookup } from './daemon-pid.js';
import { type ProcSample, readProcSample } from './proc.js';

/** What the engine's daemon spent while a benchmark measured (stored on the result as `daemon`). */
export type DaemonUsage =
  | {
      readonly pid: number;
      readonly source: string;
      readonly wallMs: number;
      readonly cpuMs: number;
      /** cpuMs / wallMs x 100: 100 = one core busy. */
      readonly cpuPercent: number;
      readonly rssStartBytes: number;
      readonly rssPeakBytes: number;
      readonly rssEndBytes: number;
    }
  | { readonly note: string };

/**
 * Polls /proc/<pid> while a benchmark measures. Lifecycle: `start()` reads CPU time and RSS and starts
 * a timer (every `intervalMs`, for RSS peaks) -> `stop()` reads again, clears the timer, returns usage.
 */
export function daemonMonitor(
  lookup: () => Promise<PidLookup>,
  o: { intervalMs?: number; procRoot?: string } = {},
): SideMonitor {
  let found: PidLookup | undefined;
  let first: ProcSample | undefined;
  let peak = 0;
  let started = 0n;
  let timer: NodeJS.Timeout | undefined;
  let failure: string | undefined;
  const read = (pid: number) => readProcSample(pid, o.procRoot);
  return {
    key: 'daemon',
    async start() {
      found = await lookup();
      if (found.pid === undefined) return;
      const pid = found.pid;
      try {
        first = await read(pid);
      } catch (err) {
        failure = `cannot read /proc/${pid}: ${(err as Error).message}`;
        return;
      }
      peak = first.rssBytes;
      started = now();
      timer = setInterval(() => {
        read(pid).then(
          (s) => {
            peak = Math.max(peak, s.rssBytes);
          },
          () => {},
        );
      }, o.intervalMs ?? 100);
      timer.unref();
    },
    async stop(): Promise<DaemonUsage> {
      clearInterval(timer);
      if (!found) return { note: 'no measured iteration ran' };
      if (found.pid === undefined) return { note: found.note };
      if (failure || !first) return { note: failure ?? 'not started' };
      const wallMs = msSince(started);
      const last = await read(found.pid).catch(() => undefined);
      if (!last) return { note: `daemon pid ${found.pid} went away during the run` };
      const cpuMs = last.cpuMs - first.cpuMs;
      return {
        pid: found.pid,
        source: found.source,
        wallMs,
        cpuMs,
        cpuPercent: wallMs > 0 ? (cpuMs / wallMs) * 100 : 0,
        rssStartBytes: first.rssBytes,
        rssPeakBytes: Math.max(peak, last.rssBytes),
        rssEndBytes: last.rssBytes,
      };
    },
  };
}
