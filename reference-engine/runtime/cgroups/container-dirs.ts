import { dirname } from 'node:path';
import { isUnified, v1Hierarchies } from './hierarchies.js';

/**
 * A running container's cgroup directories, found from the `cgroup.procs` files it was put in (the
 * state's procsFiles): on v1 one per controller, on a unified host the one v2 directory.
 */
export type ContainerDirs =
  | { readonly unified: true; readonly dir: string }
  | { readonly unified: false; readonly byController: ReadonlyMap<string, string> };

export function containerDirs(procsFiles: readonly string[]): ContainerDirs {
  const dirs = procsFiles.map((f) => dirname(f));
  if (isUnified()) return { unified: true, dir: dirs[0] ?? '' };
  const byController = new Map<string, string>();
  const hierarchies = v1Hierarchies();
  for (const dir of dirs) {
    const h = hierarchies.find((x) => dir === x.mountPoint || dir.startsWith(`${x.mountPoint}/`));
    for (const c of h?.controllers ?? []) byController.set(c, dir);
  }
  return { unified: false, byController };
}
