import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rssBytesFromStatus } from '../startup/proc.js';

/** The parent pid from the text of /proc/<pid>/stat (field 4; comm may hold spaces and parens). */
export function ppidFromStat(text: string): number {
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(rest[1]);
  if (!Number.isInteger(ppid) || ppid < 0) throw new Error('unreadable /proc stat line');
  return ppid;
}

/** The command name (comm) from the text of /proc/<pid>/stat. */
export const commFromStat = (text: string): string =>
  text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));

/** Proportional set size in bytes from the text of /proc/<pid>/smaps_rollup (Pss, in kB). */
export function pssBytesFromRollup(text: string): number {
  const m = /^Pss:\s+(\d+)\s+kB/m.exec(text);
  if (!m) throw new Error('no Pss in /proc smaps_rollup');
  return Number(m[1]) * 1024;
}

/** One process's memory: RSS (every resident page it maps) and PSS (shared pages split among their users). */
export interface ProcessMemory {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly rssBytes: number;
  /** Absent when smaps_rollup cannot be read (kernels before 4.14). */
  readonly pssBytes?: number;
}

/** Reads /proc/<pid>/{stat,status,smaps_rollup}; rejects when the process is gone. */
export async function readProcessMemory(pid: number, procRoot = '/proc'): Promise<ProcessMemory> {
  const dir = join(procRoot, String(pid));
  const [stat, status, rollup] = await Promise.all([
    readFile(join(dir, 'stat'), 'utf8'),
    readFile(join(dir, 'status'), 'utf8'),
    readFile(join(dir, 'smaps_rollup'), 'utf8').catch(() => undefined),
  ]);
  const pss = rollup === undefined ? undefined : pssBytesFromRollup(rollup);
  return {
    pid,
    ppid: ppidFromStat(stat),
    comm: commFromStat(stat),
    rssBytes: rssBytesFromStatus(status),
    ...(pss === undefined ? {} : { pssBytes: pss }),
  };
}

export const MiB = 1024 * 1024;
export const toMiB = (bytes: number): number => bytes / MiB;
