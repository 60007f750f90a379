import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, hostname, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResults } from './types.js';

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The distribution's PRETTY_NAME from os-release, or undefined. */
export function distroOf(
  osRelease = read('/etc/os-release') ?? read('/usr/lib/os-release'),
): string | undefined {
  const m = /^PRETTY_NAME=(.*)$/m.exec(osRelease ?? '')?.[1];
  return m?.replace(/^["']|["']$/g, '');
}

/** v2 (unified), hybrid (v1 controllers with a v2 mount beside them) or v1, from /proc/self/mounts. */
export function cgroupVersionOf(mounts = read('/proc/self/mounts') ?? ''): 'v1' | 'v2' | 'hybrid' | 'none' {
  const types = mounts
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[1]?.startsWith('/sys/fs/cgroup'));
  const v2 = types.some((f) => f[2] === 'cgroup2');
  const v1 = types.some((f) => f[2] === 'cgroup');
  return v1 && v2 ? 'hybrid' : v2 ? 'v2' : v1 ? 'v1' : 'none';
}

/** Filesystem type of the mount holding `path` (the longest mount point that is a prefix). */
export function filesystemAt(path: string, mounts = read('/proc/self/mounts') ?? ''): string {
  let best = { point: '', type: 'unknown' };
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const inside = path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && point.length >= best.point.length) best = { point, type };
  }
  return best.type;
}

/**
 * The identity of the host a run was made on, so results from many hosts can sit side by side: kernel,
 * cgroup version, distribution, CPU, and the filesystem under /var/lib (where engines keep their storage).
 * SHIPSHAPE_HOST names the host in reports (default: its hostname).
 */
export const hostMetadata = (env = process.env): RunResults['host'] => ({
  kernel: release(),
  arch: arch(),
  node: process.version,
  name: env.SHIPSHAPE_HOST || hostname(),
  distro: distroOf() ?? 'unknown',
  cgroup: cgroupVersionOf(),
  cpu: { model: cpus()[0]?.model.trim() ?? 'unknown', count: Math.max(1, cpus().length) },
  storageFilesystem: filesystemAt('/var/lib'),
});

/** The project root: the nearest ancestor of this module holding vitest.config.ts (works from dist/ too). */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 10; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'vitest.config.ts'))) return dir;
  }
  return process.cwd();
}

export function shipshapeVersion(root = projectRoot()): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
