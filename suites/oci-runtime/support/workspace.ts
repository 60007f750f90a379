import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every file's workspace lives under here, so a later run can sweep what an interrupted one left. */
export const WORKSPACE_BASE = join(tmpdir(), 'shipshape-oci-runtime');

/** What a workspace records about itself for a sweeper: the owning pid and the runtime to clean with. */
interface Owner {
  pid: number;
  runtime: string;
  args: string[];
}

/**
 * One test file's private area: `root/state` is the runtime's `--root`, `root/bundles` holds bundles.
 * Lifecycle: `createWorkspace()` -> use -> `destroyWorkspaceSync()` (force-deletes every container
 * in the state root, then removes the whole directory).
 */
export interface Workspace {
  readonly root: string;
  readonly stateRoot: string;
  readonly bundles: string;
  readonly runtime: string;
  readonly args: readonly string[];
}

export async function createWorkspace(runtime: string, args: readonly string[]): Promise<Workspace> {
  await mkdir(WORKSPACE_BASE, { recursive: true });
  sweepStaleWorkspaces();
  const root = await mkdtemp(join(WORKSPACE_BASE, `${process.pid}-`));
  const ws = { root, stateRoot: join(root, 'state'), bundles: join(root, 'bundles'), runtime, args };
  await mkdir(ws.stateRoot);
  await mkdir(ws.bundles);
  const owner: Owner = { pid: process.pid, runtime, args: [...args] };
  await writeFile(join(root, 'owner.json'), JSON.stringify(owner));
  return ws;
}

/** Container ids present in a state root (runc and crun keep one directory per container). */
export function stateRootIds(stateRoot: string): string[] {
  if (!existsSync(stateRoot)) return [];
  return readdirSync(stateRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/** Synchronous on purpose: also usable from an exit/signal handler. Never throws. */
export function destroyWorkspaceSync(ws: Pick<Workspace, 'root' | 'stateRoot' | 'runtime' | 'args'>): void {
  for (const id of stateRootIds(ws.stateRoot)) {
    try {
      execFileSync(ws.runtime, [...ws.args, '--root', ws.stateRoot, 'delete', '--force', id], {
        stdio: 'ignore',
        timeout: 10_000,
      });
    } catch {
      // already gone, or the runtime cannot delete it: the directory goes below anyway
    }
  }
  rmSync(ws.root, { recursive: true, force: true });
}

/** True while `pid` exists (EPERM: it exists, owned by another user). */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Destroys workspaces whose owning process is gone (a run that was killed before its afterAll). */
export function sweepStaleWorkspaces(): number {
  if (!existsSync(WORKSPACE_BASE)) return 0;
  let swept = 0;
  for (const name of readdirSync(WORKSPACE_BASE)) {
    const root = join(WORKSPACE_BASE, name);
    let owner: Owner;
    try {
      owner = JSON.parse(readFileSync(join(root, 'owner.json'), 'utf8')) as Owner;
    } catch {
      continue; // being created right now, or not ours
    }
    if (alive(owner.pid)) continue;
    destroyWorkspaceSync({ root, stateRoot: join(root, 'state'), runtime: owner.runtime, args: owner.args });
    swept += 1;
  }
  return swept;
}
