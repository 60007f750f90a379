import { existsSync, readlinkSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** True while `pid` exists and is not a zombie. */
export async function processAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && !/\) [ZX] /.test(stat);
}

/** A namespace link of a process (`mnt:[4026531841]`), or undefined when it is gone. */
export function nsOf(pid: number | 'self', ns: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${ns}`);
  } catch {
    return undefined;
  }
}

/** Absolute cgroup directories of a process, one per hierarchy it is in (v1 controllers and v2). */
export async function cgroupDirs(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/cgroup`, 'utf8');
  const dirs: string[] = [];
  for (const line of text.split('\n').filter(Boolean)) {
    const [, controllers = '', path = ''] = line.split(':');
    if (path === '/' || path === '') continue;
    const mount = controllers === '' ? 'unified' : controllers.replace(/^name=/, '');
    const dir = join('/sys/fs/cgroup', mount, path);
    if (existsSync(dir)) dirs.push(dir);
  }
  return dirs;
}

/** Cgroup directories anywhere under the controllers' roots (two levels deep) named after `id`. */
export async function cgroupsNamed(id: string): Promise<string[]> {
  const found: string[] = [];
  const roots = await readdir('/sys/fs/cgroup').catch(() => [] as string[]);
  for (const r of roots) {
    const base = join('/sys/fs/cgroup', r);
    const level1 = await readdir(base, { withFileTypes: true }).catch(() => []);
    for (const e of level1.filter((d) => d.isDirectory())) {
      if (e.name.includes(id)) found.push(join(base, e.name));
      const level2 = await readdir(join(base, e.name), { withFileTypes: true }).catch(() => []);
      for (const e2 of level2)
        if (e2.isDirectory() && e2.name.includes(id)) found.push(join(base, e.name, e2.name));
    }
  }
  return found;
}

/** Mount points (from our /proc/self/mountinfo) whose path contains `fragment`. */
export async function mountsContaining(fragment: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  return info
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((p) => p.includes(fragment));
}
