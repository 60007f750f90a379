import { readFileSync } from 'node:fs';

/**
 * The fields of /proc/PID/stat after the name (which may hold spaces or parens): [0] is the state
 * (field 3), [1] the parent pid; undefined when the process is gone.
 */
export function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/PID/stat (start time in clock ticks): tells a live pid from a reused one. */
export function processStartTime(pid: number): string | undefined {
  const fields = statFields(pid);
  if (fields === undefined || fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return fields[19];
}

/** True when `pid` runs (not a zombie) and, if given, started at `startTime`. */
export function processAlive(pid: number, startTime?: string): boolean {
  if (pid <= 0) return false;
  const now = processStartTime(pid);
  return now !== undefined && (startTime === undefined || now === startTime);
}
