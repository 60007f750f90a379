import { readFileSync } from 'node:fs';

/** Field 22 of /proc/PID/stat (start time in clock ticks): tells a live pid from a reused one. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

/** True when `pid` runs (not a zombie) and, if given, started at `startTime`. */
export function processAlive(pid: number, startTime?: string): boolean {
  if (pid <= 0) return false;
  const now = processStartTime(pid);
  return now !== undefined && (startTime === undefined || now === startTime);
}
