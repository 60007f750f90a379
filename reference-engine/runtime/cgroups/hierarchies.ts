import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A mounted cgroup v1 hierarchy: its mount point and the controllers (or name=) it carries. */
export interface Hierarchy {
  readonly mountPoint: string;
  readonly controllers: readonly string[];
}

export const CGROUP_ROOT = '/sys/fs/cgroup';

/** True on a unified (v2-only) host: /sys/fs/cgroup itself is cgroup2. */
export const isUnified = (): boolean => existsSync(`${CGROUP_ROOT}/cgroup.controllers`);

const unescapeOctal = (s: string): string =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

let known: readonly Hierarchy[] | undefined;

/**
 * The v1 hierarchies from /proc/self/mountinfo (bind mounts of the same hierarchy counted once), read
 * once per process: they are mounted at boot, while the mount table grows with every container's
 * rootfs (a daemon with a hundred containers read a 100 KB file for every start).
 */
export function v1Hierarchies(): Hierarchy[] {
  known ??= readV1Hierarchies();
  return [...known];
}

function readV1Hierarchies(): Hierarchy[] {
  const out: Hierarchy[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const [fstype, , superOpts] = right.split(' ');
    if (fstype !== 'cgroup' || !superOpts) continue;
    const mountPoint = unescapeOctal(left.split(' ')[4] ?? '');
    const controllers = superOpts
      .split(',')
      .filter((o) => o !== 'rw' && o !== 'ro' && !o.startsWith('release_agent'));
    const key = controllers.join(',');
    if (seen.has(key) || !mountPoint.startsWith(`${CGROUP_ROOT}/`)) continue;
    seen.add(key);
    out.push({ mountPoint, controllers });
  }
  return out;
}

/** The name a hierarchy has under the container's /sys/fs/cgroup (its host directory name). */
export const viewName = (h: Hierarchy): string => basename(h.mountPoint);
