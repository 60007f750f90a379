import { lstatSync, rmSync, unlinkSync } from 'node:fs';
import { errnoCode } from '../syscalls/index.js';
import type { ApplyContext } from './apply-context.js';
import { at } from './root-dir.js';

/**
 * Runs `create` for `name` in the directory `dirFd`; when the name exists, the existing entry is
 * removed and `create` retried — unless both are directories, which are kept (their attributes are
 * then replaced). Returns whether an existing directory was kept.
 */
export function createReplacing(
  ctx: ApplyContext,
  dirFd: number,
  name: string,
  wantDirectory: boolean,
  create: () => void,
): boolean {
  try {
    create();
    return false;
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
  }
  if (removeExisting(ctx, at(dirFd, name), wantDirectory)) return true;
  create();
  return false;
}

/** Removes the entry at `path` unless both it and the wanted entry are directories (then: true). */
export function removeExisting(ctx: ApplyContext, path: string, wantDirectory: boolean): boolean {
  const existing = lstatSync(path);
  if (existing.isDirectory()) {
    if (wantDirectory) return true;
    rmSync(path, { recursive: true, force: true });
    ctx.root.invalidate();
  } else {
    unlinkSync(path);
  }
  return false;
}

/** Deletes `name` (recursively) from `dirFd` if it exists; never follows a symlink. */
export function removeIfExists(ctx: ApplyContext, dirFd: number, name: string): void {
  const path = at(dirFd, name);
  try {
    if (lstatSync(path).isDirectory()) ctx.root.invalidate();
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw err;
  }
  rmSync(path, { recursive: true, force: true });
}
