import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Mount points under `prefix` in this mount namespace (a failed create must leave none). */
export const mountsUnder = (prefix: string): string[] =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => m.startsWith(prefix));

/** cgroup v1 directories named `PREFIX-ID` (shiprun's by default) in any hierarchy. */
export const cgroupsOf = (id: string, prefix = 'shiprun-'): string[] =>
  readdirSync('/sys/fs/cgroup')
    .map((h) => `/sys/fs/cgroup/${h}/${prefix}${id}`)
    .filter((d) => existsSync(d));

/**
 * Processes whose command line mentions `needle`: shims carry their state dir there, the image load
 * process its staging dir.
 */
export const processesMentioning = (needle: string): number[] =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
