import { existsSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What /proc/PID/stat says of a process: its name, parent and start time (clock ticks since boot). */
export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly start: string;
}

/** /proc/PID/stat parsed (the name may hold spaces and parentheses), or undefined when it is gone. */
export async function procStat(pid: number): Promise<ProcStat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: Number(rest[1]),
    start: rest[19] ?? '',
  };
}

/** True while the process that had `start` as its start time still runs (a reused pid does not count). */
export async function sameProcessAlive(pid: number, start: string): Promise<boolean> {
  const s = await procStat(pid);
  return s !== undefined && s.start === start && s.state !== 'Z' && s.state !== 'X';
}

/** Resident set size in KiB (VmRSS), 0 when gone. */
export async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

/** Open descriptors of a process, 0 when gone. */
export async function fdCount(pid: number): Promise<number> {
  return (await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])).length;
}

/** A namespace link of a process (`net:[4026531841]`), or undefined when it is gone. */
export async function nsLink(pid: number, ns: string): Promise<string | undefined> {
  return readlink(`/proc/${pid}/ns/${ns}`).catch(() => undefined);
}

/** The cgroup directories a process is in on this host (v1 hierarchies and the unified one), existing ones. */
export async function cgroupDirsOf(pid: number, base = '/sys/fs/cgroup'): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  const dirs: string[] = [];
  for (const line of text.split('\n').filter(Boolean)) {
    const [, controllers = '', path = ''] = line.split(':');
    if (path === '/' || path === '') continue;
    const mount =
      controllers === ''
        ? existsSync(join(base, 'unified'))
          ? 'unified'
          : ''
        : controllers.replace(/^name=/, '');
    const dir = join(base, mount, path);
    if (existsSync(dir)) dirs.push(dir);
  }
  return [...new Set(dirs)];
}

/** Every pid under /proc. */
export async function allPids(): Promise<number[]> {
  return (await readdir('/proc').catch(() => [] as string[])).filter((n) => /^\d+$/.test(n)).map(Number);
}
