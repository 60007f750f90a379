import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/;

export function checkId(id: string): void {
  if (!ID.test(id)) throw new InvalidArgument(`invalid container id ${JSON.stringify(id)}`);
}

export const containerDir = (root: string, id: string): string => join(resolve(root), id);
export const fifoPath = (dir: string): string => join(dir, 'exec.fifo');

/** Makes the container's directory; a second container with the same id is a Conflict. */
export async function makeContainerDir(root: string, id: string): Promise<string> {
  checkId(id);
  await mkdir(resolve(root), { recursive: true, mode: 0o711 });
  const dir = containerDir(root, id);
  await mkdir(dir, { mode: 0o711 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new Conflict(`container with id ${id} already exists`);
    throw err;
  });
  return dir;
}

export async function writeState(dir: string, s: StoredState): Promise<void> {
  const tmp = join(dir, 'state.json.tmp');
  await writeFile(tmp, JSON.stringify(s));
  await rename(tmp, join(dir, 'state.json'));
}

export async function readState(root: string, id: string): Promise<StoredState> {
  checkId(id);
  const text = await readFile(join(containerDir(root, id), 'state.json'), 'utf8').catch(() => undefined);
  if (text === undefined) throw new NotFound(`container ${id} does not exist`);
  return JSON.parse(text) as StoredState;
}

/** The exit status the shim recorded (`exit`: "CODE SIGNAL"), if the container has exited. */
export async function readExit(dir: string): Promise<{ code: number; signal: number } | undefined> {
  const text = await readFile(join(dir, 'exit'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const [code, signal] = text.trim().split(' ').map(Number);
  return { code: code ?? 0, signal: signal ?? 0 };
}

export async function listIds(root: string): Promise<string[]> {
  const names = await readdir(resolve(root)).catch(() => [] as string[]);
  return names.filter((n) => ID.test(n) && existsSync(join(resolve(root), n, 'state.json'))).sort();
}

export const removeContainerDir = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true });
