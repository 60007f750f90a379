import { dirname } from 'node:path';
import { isUnified, v1Hierarchies } from '../runtime/cgroups/hierarchies.js';

/** Where a container's cgroup figures are: one v2 directory, or a directory per v1 controller. */
export type CgroupDirs = { kind: 'v2'; dir: string } | { kind: 'v1'; byController: Map<string, string> };

/** The directories of the `cgroup.procs` files the runtime put the container in. */
export function cgroupDirs(procsFiles: readonly string[]): CgroupDirs | undefined {
  const dirs = procsFiles.map((f) => dirname(f));
  if (dirs.length === 0) return undefined;
  if (isUnified()) return { kind: 'v2', dir: dirs[0] as string };
  const byController = new Map<string, string>();
  for (const h of v1Hierarchies()) {
    const dir = dirs.find((d) => d === h.mountPoint || d.startsWith(`${h.mountPoint}/`));
    if (dir) for (const c of h.controllers) byController.set(c, dir);
  }
  return { kind: 'v1', byController };
}
