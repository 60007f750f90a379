import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Linux reports utime/stime in USER_HZ, which is 100 on every architecture Node runs on. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) from the text of /proc/<pid>/stat; comm may hold spaces and parens. */
export function cpuMsFromStat(text: string): number {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After ") ": field 3 (state) is rest[0], so utime (14) is rest[11] and stime (15) rest[12].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc stat line');
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size in bytes from the text of /proc/<pid>/status (VmRSS, in kB). */
export function rssBytesFromStatus(text: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  if (!m) throw new Error('no VmRSS in /proc status');
  return Number(m[1]) * 1024;
}

export interface ProcSample {
  readonly cpuMs: number;
  readonly rssBytes: number;
}

/** One reading of a process's CPU time and RSS. */
export async function readProcSample(pid: number, procRoot = '/proc'): Promise<ProcSample> {
  const [stat, status] = await Promise.all([
    readFile(join(procRoot, String(pid), 'stat'), 'utf8'),
    readFile(join(procRoot, String(pid), 'status'), 'utf8'),
  ]);
  return { cpuMs: cpuMsFromStat(stat), rssBytes: rssBytesFromStatus(status) };
}
