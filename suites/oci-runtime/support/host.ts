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

/**
 * Cgroup directories under the controllers' roots, down to three levels, named after `id` (a runtime
 * nests a container below its caller's own cgroup when the config names none, e.g. runc under
 * /memory/<caller's path>/<id>).
 */
export async function cgroupsNamed(id: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.filter((d) => d.isDirectory())) {
      const path = join(dir, e.name);
      if (e.name.includes(id)) found.push(path);
      else if (depth < 3) await walk(path, depth + 1);
    }
  };
  const roots = await readdir('/sys/fs/cgroup').catch(() => [] as string[]);
  for (const r of roots) await walk(join('/sys/fs/cgroup', r), 1);
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
