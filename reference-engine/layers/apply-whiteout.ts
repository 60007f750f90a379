import { lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { errnoCode, native } from '../syscalls/index.js';
import type { ApplyContext } from './apply-context.js';
import { refuse } from './entry-path.js';
import { removeIfExists } from './replace-existing.js';
import { at } from './root-dir.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE = '.wh..wh..opq';

/** Applies `dir/.wh.NAME` or `dir/.wh..wh..opq` (parts = components of the whiteout entry). */
export function applyWhiteout(ctx: ApplyContext, entryName: string, parts: string[]): void {
  const base = parts.at(-1) ?? '';
  const dir = parts.slice(0, -1);
  if (base === OPAQUE) {
    applyOpaque(ctx, entryName, dir);
    return;
  }
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return; // aufs metadata (.wh..wh.plnk): ignored
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === '' || target === '.' || target === '..') throw refuse(entryName, 'whiteout names no file');
  const dirFd = ctx.root.parent(entryName, dir, true);
  if (ctx.whiteouts === 'overlay') {
    try {
      native().mknod(at(dirFd, target), native().constants.S_IFCHR, 0, 0);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err; // same-layer content is not hidden by its own whiteout
    }
    return;
  }
  if (ctx.written?.has([...dir, target].join('/'))) return;
  removeIfExists(ctx, dirFd, target);
}

function applyOpaque(ctx: ApplyContext, entryName: string, dir: string[]): void {
  if (dir.length === 0 && ctx.whiteouts === 'overlay') throw refuse(entryName, 'opaque whiteout at the root');
  const parentFd = ctx.root.parent(entryName, dir.slice(0, -1), true);
  const name = dir.at(-1) ?? '.';
  const path = at(parentFd, name);
  try {
    mkdirSync(path, 0o755);
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    if (!lstatSync(path).isDirectory())
      throw refuse(entryName, 'opaque whiteout in something not a directory');
  }
  if (ctx.whiteouts === 'overlay') {
    native().lsetxattr(path, 'trusted.overlay.opaque', Buffer.from('y'), 0);
    return;
  }
  clearLower(ctx, ctx.root.parent(entryName, dir, false), dir);
}

/** Removes everything under the directory that this layer did not write itself. */
function clearLower(ctx: ApplyContext, dirFd: number, dir: string[]): void {
  for (const child of readdirSync(at(dirFd, '.'))) {
    const rel = [...dir, child].join('/');
    if (!ctx.written?.has(rel)) {
      removeIfExists(ctx, dirFd, child);
    } else if (lstatSync(at(dirFd, child)).isDirectory()) {
      clearLower(ctx, ctx.root.parent(rel, [...dir, child], false), [...dir, child]);
    }
  }
}
