import { existsSync } from 'node:fs';
import { containerDirs } from '../cgroups/container-dirs.js';
import { type CgroupStats, cgroupStats } from '../cgroups/stats.js';
import { currentStatus } from '../state/current-status.js';
import { containerDir, readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';

/** One line of `events`: runc's `{"type":"stats","id":...,"data":{...}}`. */
export interface StatsEvent {
  readonly type: 'stats';
  readonly id: string;
  readonly data: CgroupStats;
}

/** `events --stats`: usage and limits of a live (created, running or paused) container. */
export async function statsEvent(root: string, id: string): Promise<StatsEvent> {
  const s = await readState(root, id);
  assertCan(id, 'stats', await currentStatus(root, s));
  return { type: 'stats', id, data: cgroupStats(containerDirs(s.procsFiles ?? [])) };
}

/** Go-style duration (`5s`, `100ms`, `1m`, `1.5s`) in milliseconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  return m ? Number(m[1]) * (units[m[2] ?? 's'] ?? 1000) : undefined;
}

/**
 * `events`: a stats event every `intervalMs` while the container exists; resolves once it has been
 * deleted (its state directory is gone), as runc's stream ends with the container's cgroup.
 */
export async function streamEvents(
  root: string,
  id: string,
  intervalMs: number,
  write: (line: string) => void,
): Promise<void> {
  await statsEvent(root, id); // a container that is not there, or not live, fails now
  const dir = containerDir(root, id);
  for (;;) {
    if (!existsSync(dir)) return;
    const event = await statsEvent(root, id).catch(() => undefined);
    if (event) write(`${JSON.stringify(event)}\n`);
    await new Promise((r) => setTimeout(r, Math.max(10, intervalMs)));
  }
}
