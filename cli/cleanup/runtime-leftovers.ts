import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineDescription } from '../../core/engines/types.js';
import { alive, destroyWorkspaceSync, WORKSPACE_BASE } from '../../suites/oci-runtime/support/workspace.js';

/**
 * What the runtime-CLI suites (basics, oci-runtime, runtime-cli, security, reliability on runc, crun,
 * shiprun) leave when a run is cut short: each test file works in a workspace under WORKSPACE_BASE (its
 * bundles, and a private state root holding its containers) with an owner.json naming the owning process
 * and the runtime. A workspace is removed (its containers force-deleted with that runtime first) only
 * when its owner is gone or is this process or one of its children (vitest's workers): never one of a
 * run still going on beside this one.
 */

export interface RuntimeWorkspace {
  /** The workspace folder (what `list` reports and `keep` holds). */
  readonly root: string;
  readonly pid: number;
  readonly runtime: string;
  readonly args: readonly string[];
}

/** The workspaces under `base` made with `engine`'s runtime binary. */
export function runtimeWorkspaces(engine: EngineDescription, base = WORKSPACE_BASE): RuntimeWorkspace[] {
  if (!existsSync(base)) return [];
  const found: RuntimeWorkspace[] = [];
  for (const name of readdirSync(base).sort()) {
    const root = join(base, name);
    try {
      const owner = JSON.parse(readFileSync(join(root, 'owner.json'), 'utf8')) as Partial<RuntimeWorkspace>;
      if (owner.runtime !== engine.address || typeof owner.pid !== 'number') continue;
      found.push({ root, pid: owner.pid, runtime: owner.runtime, args: owner.args ?? [] });
    } catch {
      // no owner.json yet (being created), or not a workspace
    }
  }
  return found;
}

const parentOf = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
};

/** Is `pid` this process or one of its descendants (bounded walk up the parent chain)? */
export function ownProcess(pid: number, self = process.pid): boolean {
  let p: number | undefined = pid;
  for (let i = 0; i < 64 && p !== undefined && p > 1; i++) {
    if (p === self) return true;
    p = parentOf(p);
  }
  return false;
}

/** May this cleanup remove a workspace owned by `pid`? Its owner is gone, or is this process or its child. */
export const removable = (pid: number): boolean => !alive(pid) || ownProcess(pid);

/**
 * Destroys the removable workspaces of `engine`'s runtime that are not in `keep` (those that were there
 * before the run); resolves to the folders removed.
 */
export function removeRuntimeLeftovers(
  engine: EngineDescription,
  keep: ReadonlySet<string> = new Set(),
  base = WORKSPACE_BASE,
): string[] {
  const removed: string[] = [];
  for (const ws of runtimeWorkspaces(engine, base)) {
    if (keep.has(ws.root) || !removable(ws.pid)) continue;
    destroyWorkspaceSync({
      root: ws.root,
      stateRoot: join(ws.root, 'state'),
      runtime: ws.runtime,
      args: [...ws.args],
    });
    if (!existsSync(ws.root)) removed.push(ws.root);
  }
  return removed;
}
