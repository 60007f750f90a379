import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = '/sys/fs/cgroup';

/** True on a unified (cgroup v2 only) host. */
export const unifiedHost = (): boolean => existsSync(join(ROOT, 'cgroup.controllers'));

/** Where the v2 hierarchy is mounted: /sys/fs/cgroup itself, or /sys/fs/cgroup/unified on hybrid hosts. */
const v2Root = (): string => (unifiedHost() ? ROOT : join(ROOT, 'unified'));

/** Mount points of the v1 hierarchies by controller (a combined cpu,cpuacct mount answers both). */
function v1Mounts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [left, right] = line.split(' - ');
    const [fstype, , superOpts = ''] = (right ?? '').split(' ');
    if (fstype !== 'cgroup') continue;
    const mountPoint = left?.split(' ')[4] ?? '';
    for (const opt of superOpts.split(',')) if (!out.has(opt)) out.set(opt.replace(/^name=/, ''), mountPoint);
  }
  return out;
}

/**
 * The cgroup directory of `pid` that holds `controller` ('memory', 'pids', 'freezer', ...): the v1
 * hierarchy with that controller, else the v2 one (where freezer is `cgroup.freeze`). Undefined when
 * the process is gone or the directory does not exist.
 */
export async function controllerDir(pid: number, controller: string): Promise<string | undefined> {
  const text = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  const mounts = v1Mounts();
  let v2: string | undefined;
  for (const line of text.split('\n').filter(Boolean)) {
    const [, controllers = '', path = ''] = line.split(':');
    if (controllers === '') {
      v2 = join(v2Root(), path);
      continue;
    }
    const names = controllers.split(',').map((c) => c.replace(/^name=/, ''));
    const mount = mounts.get(controller);
    if (names.includes(controller) && mount) {
      const dir = join(mount, path);
      return existsSync(dir) ? dir : undefined;
    }
  }
  return v2 && existsSync(v2) ? v2 : undefined;
}

/** Every v1 and v2 cgroup directory of `pid` below the hierarchy roots (its own, not `/`). */
export async function cgroupDirsOf(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  const mounts = v1Mounts();
  const dirs: string[] = [];
  for (const line of text.split('\n').filter(Boolean)) {
    const [, controllers = '', path = ''] = line.split(':');
    if (path === '/' || path === '') continue;
    const first = controllers.split(',')[0]?.replace(/^name=/, '') ?? '';
    const base = controllers === '' ? v2Root() : mounts.get(first);
    if (base && existsSync(join(base, path))) dirs.push(join(base, path));
  }
  return dirs;
}

/** Reads one file of `pid`'s cgroup for `controller` (trimmed); throws when it cannot. */
export async function cgroupValue(pid: number, controller: string, file: string): Promise<string> {
  const dir = await controllerDir(pid, controller);
  if (!dir) throw new Error(`no ${controller} cgroup for pid ${pid}`);
  return (await readFile(join(dir, file), 'utf8')).trim();
}

/** The cgroup file names for a setting, on v1 and on v2. */
export const FILES = {
  memoryLimit: { controller: 'memory', v1: 'memory.limit_in_bytes', v2: 'memory.max' },
  pidsMax: { controller: 'pids', v1: 'pids.max', v2: 'pids.max' },
  cpuShares: { controller: 'cpu', v1: 'cpu.shares', v2: 'cpu.weight' },
  cpuQuota: { controller: 'cpu', v1: 'cpu.cfs_quota_us', v2: 'cpu.max' },
  cpuPeriod: { controller: 'cpu', v1: 'cpu.cfs_period_us', v2: 'cpu.max' },
  cpusetCpus: { controller: 'cpuset', v1: 'cpuset.cpus', v2: 'cpuset.cpus' },
} as const;

/** Reads a setting of `pid`'s cgroup from the file of whichever version holds its controller. */
export async function setting(pid: number, which: keyof typeof FILES): Promise<string> {
  const f = FILES[which];
  const dir = await controllerDir(pid, f.controller);
  if (!dir) throw new Error(`no ${f.controller} cgroup for pid ${pid}`);
  const v1 = existsSync(join(dir, f.v1)) && !dir.startsWith(v2Root());
  return (await readFile(join(dir, v1 ? f.v1 : f.v2), 'utf8')).trim();
}

/** Whether `pid`'s freezer says frozen: v1 freezer.state FROZEN (or FREEZING), v2 cgroup.freeze 1. */
export async function frozen(pid: number): Promise<boolean> {
  const dir = await controllerDir(pid, 'freezer');
  if (!dir) throw new Error(`no freezer cgroup for pid ${pid}`);
  const v1 = join(dir, 'freezer.state');
  if (existsSync(v1)) return /FROZEN|FREEZING/.test(await readFile(v1, 'utf8'));
  return (await readFile(join(dir, 'cgroup.freeze'), 'utf8')).trim() === '1';
}

/** The weight file of the block IO controller, if this kernel has one (CFQ or BFQ). */
export async function blkioWeightFile(pid: number): Promise<string | undefined> {
  const dir = await controllerDir(pid, unifiedHost() ? 'io' : 'blkio');
  if (!dir) return undefined;
  const names = ['blkio.weight', 'blkio.bfq.weight', 'io.weight', 'io.bfq.weight'];
  return names.map((n) => join(dir, n)).find((p) => existsSync(p));
}
