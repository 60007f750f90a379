import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { OciConfig } from '../config/oci-config.js';
import type { CgroupView } from '../spec/mounts-digest.js';
import { CGROUP_ROOT, isUnified, v1Hierarchies, viewName } from './hierarchies.js';
import { applyV1Resources } from './v1-resources.js';
import { applyV2Resources } from './v2-resources.js';

/**
 * The cgroups of one container. Lifecycle: `createCgroups` (dirs made, limits written) before the
 * init is cloned; the shim writes the init's pid into every `procsFiles` entry; `removeCgroups` once
 * the container is gone (delete, or a failed create).
 */
export interface ContainerCgroups {
  /** Directories this call created, deepest last. */
  readonly created: string[];
  readonly procsFiles: string[];
  /** v1 only: what the container's /sys/fs/cgroup shows. */
  readonly views?: CgroupView[];
  /** A cgroup.procs listing every process of the container (for kill --all). */
  readonly anyProcs?: string;
  /** The freezer: v1 `freezer.state` or v2 `cgroup.freeze` (pause/resume). */
  readonly freezeFile?: string;
  /** v1 devices controller dir: rules go in after the init made its device nodes. */
  readonly devicesDir?: string;
}

/** `linux.cgroupsPath` made absolute; absent -> /shiprun-ID (one level, so nothing is shared). */
export function cgroupPath(id: string, config: OciConfig): string {
  const p = config.linux?.cgroupsPath;
  return posix.normalize(p ? `/${p}` : `/shiprun-${id}`);
}

// Cgroup files are tiny kernel files: synchronous calls take microseconds, where each promise-based
// call costs a thread-pool round trip (milliseconds on a loaded host), and a create makes a dozen dirs.

/** mkdir -p that reports what it made; cpuset levels inherit cpus/mems so a task can join them. */
function makeDirs(base: string, path: string, created: string[], cpuset: boolean): string {
  let dir = base;
  for (const part of path.split('/').filter(Boolean)) {
    const parent = dir;
    dir = join(dir, part);
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    created.push(dir);
    if (cpuset) {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        const v = readFileSync(join(dir, f), 'utf8').trim();
        if (v === '') writeFileSync(join(dir, f), readFileSync(join(parent, f), 'utf8').trim());
      }
    }
  }
  return dir;
}

export async function createCgroups(id: string, config: OciConfig): Promise<ContainerCgroups> {
  const path = cgroupPath(id, config);
  const created: string[] = [];
  const resources = config.linux?.resources;
  try {
    if (isUnified()) {
      const dir = makeDirs(CGROUP_ROOT, path, created, false);
      await applyV2Resources(dir, resources);
      const procs = join(dir, 'cgroup.procs');
      return { created, procsFiles: [procs], anyProcs: procs, freezeFile: join(dir, 'cgroup.freeze') };
    }
    const byController = new Map<string, string>();
    const views: CgroupView[] = [];
    const procsFiles: string[] = [];
    for (const h of v1Hierarchies()) {
      const dir = makeDirs(h.mountPoint, path, created, h.controllers.includes('cpuset'));
      for (const c of h.controllers) byController.set(c, dir);
      views.push({ name: viewName(h), hostDir: dir });
      procsFiles.push(join(dir, 'cgroup.procs'));
    }
    await applyV1Resources(byController, resources);
    const any = byController.get('pids') ?? byController.get('freezer') ?? procsFiles[0];
    const freezer = byController.get('freezer');
    return {
      created,
      procsFiles,
      views,
      anyProcs: any && (any.endsWith('cgroup.procs') ? any : join(any, 'cgroup.procs')),
      freezeFile: freezer && join(freezer, 'freezer.state'),
      devicesDir: byController.get('devices'),
    };
  } catch (err) {
    await removeCgroups(created);
    throw err;
  }
}

/**
 * rmdir, retried for up to `timeoutMs` while the kernel still counts exiting tasks (EBUSY). A parent
 * the create made (a CgroupParent) that now holds another container's cgroup is busy for good: it is
 * left at once, as runc leaves parents.
 */
async function rmdirWhenEmpty(dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000; i++) {
    try {
      rmdirSync(dir);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EBUSY' || Date.now() >= deadline || hasChildCgroup(dir)) return;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

function hasChildCgroup(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory());
  } catch {
    return false;
  }
}

/** Removes the directories a create made, deepest first; ones still busy after 3 s are left. */
export async function removeCgroups(created: readonly string[]): Promise<void> {
  const sorted = [...created].sort((a, b) => b.length - a.length);
  for (const dir of sorted) await rmdirWhenEmpty(dir, 3000);
}

/** The pids in a cgroup.procs file (empty when it is gone). */
export async function cgroupPids(procs: string | undefined): Promise<number[]> {
  if (!procs) return [];
  let text = '';
  try {
    text = readFileSync(procs, 'utf8');
  } catch {
    // gone with its cgroup
  }
  return text.split('\n').filter(Boolean).map(Number);
}
