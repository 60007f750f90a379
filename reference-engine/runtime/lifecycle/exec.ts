import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadBundle } from '../config/load-config.js';
import type { OciProcess } from '../config/oci-config.js';
import { validateProcess } from '../config/validate-process.js';
import { record } from '../spec/escape.js';
import { CLONE_FLAGS } from '../spec/namespaces.js';
import { digestProcess } from '../spec/process-digest.js';
import { currentStatus } from '../state/current-status.js';
import { containerDir, readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { type SpawnedShim, type StdioSpec, shimExit, spawnShim } from './spawn-shim.js';

const NS_FILES = {
  mnt: 'mount',
  uts: 'uts',
  ipc: 'ipc',
  net: 'network',
  pid: 'pid',
  cgroup: 'cgroup',
  user: 'user',
} as const;

export interface ExecOptions {
  /** Replaces the container's process (config.json `process`); `args` alone keeps the rest. */
  readonly process?: OciProcess;
  readonly args?: readonly string[];
  readonly detach?: boolean;
  readonly pidFile?: string;
  readonly stdio?: StdioSpec;
}

/** The namespaces of `pid` that differ from ours, as setns records (user first is the C side's job). */
function joinRecords(pid: number): string {
  let out = '';
  for (const [file, type] of Object.entries(NS_FILES)) {
    const theirs = statSync(`/proc/${pid}/ns/${file}`, { throwIfNoEntry: false })?.ino;
    const ours = statSync(`/proc/self/ns/${file}`, { throwIfNoEntry: false })?.ino;
    if (theirs !== undefined && theirs !== ours)
      out += record('setns', CLONE_FLAGS[type], `/proc/${pid}/ns/${file}`);
  }
  return out;
}

/**
 * `exec`: runs another process in a running container (its namespaces and cgroups, the process
 * settings of config.json unless replaced). Foreground: resolves to its exit status; detached: 0.
 */
export async function execInContainer(root: string, id: string, opts: ExecOptions): Promise<number> {
  const s = await readState(root, id);
  assertCan(id, 'exec', await currentStatus(root, s));
  const base = opts.process ?? (await loadBundle(s.bundle)).config.process;
  const process = { ...base, ...(opts.args?.length ? { args: [...opts.args] } : {}) } as OciProcess;
  validateProcess(process);
  let spec = record('shiprun-spec', 1) + record('exec-mode') + record('clone', 0) + joinRecords(s.pid);
  for (const procs of s.procsFiles ?? []) spec += record('cgroup', procs);
  spec += digestProcess(process);
  const spawned: SpawnedShim = await spawnShim(spec, containerDir(root, id), opts.stdio ?? 'inherit');
  if (opts.pidFile) await writeFile(resolve(opts.pidFile), String(spawned.pid));
  if (opts.detach) {
    spawned.shim.unref();
    return 0;
  }
  return shimExit(spawned.shim);
}
