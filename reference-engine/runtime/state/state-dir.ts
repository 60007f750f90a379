import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Conflict, InvalidArgument, NotFound } from '../../errors.js';
import type { OciConfig } from '../config/oci-config.js';
import type { ContainerStatus } from './status.js';

/** The default --root, as runc's /run/runc. */
export const DEFAULT_ROOT = '/run/shiprun';

/**
 * What shiprun keeps per container in `<root>/<id>/state.json`. Lifecycle: written `creating` by
 * create, `created` once the init waits on the exec fifo, `running` by start; the shim writes `exit`
 * beside it; delete removes the directory.
 */
export interface StoredState {
  ociVersion: string;
  id: string;
  status: ContainerStatus;
  pid: number;
  /** /proc start time of pid, to tell the container from a later process with a reused pid. */
  pidStartTime?: string;
  shimPid?: number;
  /** /proc start time of shimPid. */
  shimStartTime?: string;
  bundle: string;
  rootfs: string;
  created: string;
  owner: string;
  annotations?: Record<string, string>;
  /** Cgroup directories made for the container (removed by delete). */
  cgroupDirs: string[];
  /** The config's hooks, kept for start and delete. */
  hooks?: OciConfig['hooks'];
  /** Every cgroup.procs the container was put in (exec joins the same). */
  procsFiles?: string[];
  /** The cgroup used for kill --all. */
  procsFile?: string;
  /** v1 freezer.state or v2 cgroup.freeze, for pause/resume. */
  freezeFile?: string;
  /** Set when an external runtime CLI made the container (external-runtime.ts): its commands act on it. */
  runtime?: { path: string; root: string };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/;

export function checkId(id: string): void {
  if (!ID.test(id)) throw new InvalidArgument(`invalid container id ${JSON.stringify(id)}`);
}

export const containerDir = (root: string, id: string): string => join(resolve(root), id);
export const fifoPath = (dir: string): string => join(dir, 'exec.fifo');

/** readFileSync, or undefined when the file cannot be read (gone, not yet written). */
export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

// The files below are a few hundred bytes on a tmpfs: synchronous calls take microseconds, while each
// promise-based call costs a thread-pool round trip (milliseconds on a loaded host).

/** Makes the container's directory; a second container with the same id is a Conflict. */
export async function makeContainerDir(root: string, id: string): Promise<string> {
  checkId(id);
  const dir = containerDir(root, id);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(dir, { mode: 0o711 });
      return dir;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new Conflict(`container with id ${id} already exists`);
      if (code !== 'ENOENT' || attempt > 0) throw err;
      mkdirSync(resolve(root), { recursive: true, mode: 0o711 });
    }
  }
  return dir;
}

export async function writeState(dir: string, s: StoredState): Promise<void> {
  const tmp = join(dir, 'state.json.tmp');
  writeFileSync(tmp, JSON.stringify(s));
  renameSync(tmp, join(dir, 'state.json'));
}

export async function readState(root: string, id: string): Promise<StoredState> {
  checkId(id);
  const text = readTextOrUndefined(join(containerDir(root, id), 'state.json'));
  if (text === undefined) throw new NotFound(`container ${id} does not exist`);
  return JSON.parse(text) as StoredState;
}

/** The exit status the shim recorded (`exit`: "CODE SIGNAL"), if the container has exited. */
export async function readExit(dir: string): Promise<{ code: number; signal: number } | undefined> {
  const text = readTextOrUndefined(join(dir, 'exit'));
  if (text === undefined) return undefined;
  const [code, signal] = text.trim().split(' ').map(Number);
  return { code: code ?? 0, signal: signal ?? 0 };
}

export async function listIds(root: string): Promise<string[]> {
  const names = await readdir(resolve(root)).catch(() => [] as string[]);
  return names.filter((n) => ID.test(n) && existsSync(join(resolve(root), n, 'state.json'))).sort();
}

/** Removes the state dir: its few plain files, then itself (rmSync's generic walk is several times slower). */
export async function removeContainerDir(dir: string): Promise<void> {
  try {
    for (const name of readdirSync(dir)) unlinkSync(join(dir, name));
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true }); // gone already, a subdirectory, a file racing in
  }
}
