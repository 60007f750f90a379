import { readFileSync, realpathSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { BenchEnvironment } from './types.js';

/** Filesystem type of the mount holding `dir`: the longest mount point prefix in /proc/self/mounts. */
export function filesystemOf(dir: string, mounts = readMounts()): string {
  let path: string;
  try {
    path = realpathSync(dir);
  } catch {
    path = resolve(dir);
  }
  let best = { point: '', type: 'unknown' };
  for (const line of mounts.split('\n')) {
    const [, rawPoint, type] = line.split(' ');
    if (!rawPoint || !type) continue;
    const point = rawPoint.replace(/\\(\d{3})/g, (_, o: string) =>
      String.fromCharCode(Number.parseInt(o, 8)),
    );
    const inside = path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (inside && point.length >= best.point.length) best = { point, type };
  }
  return best.type;
}

function readMounts(): string {
  try {
    return readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return '';
  }
}

/** Host facts that make figures comparable (or not); engine versions come from the caller. */
export function collectEnvironment(
  o: { workDir?: string; engines?: Record<string, string> } = {},
): BenchEnvironment {
  const workDir = resolve(o.workDir ?? process.cwd());
  const cpuList = cpus();
  return {
    kernel: release(),
    arch: arch(),
    platform: platform(),
    cpu: { model: cpuList[0]?.model.trim() ?? 'unknown', count: Math.max(1, cpuList.length) },
    memoryBytes: totalmem(),
    workDir,
    workDirFilesystem: filesystemOf(workDir),
    node: process.version,
    engines: { ...(o.engines ?? {}) },
  };
}
