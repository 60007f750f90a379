import { type BigIntStats, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Pack } from 'tar-stream';
import { packStream } from '../../core/tar/index.js';
import { native } from '../syscalls/index.js';
import { WHITEOUT_PREFIX } from './apply-whiteout.js';
import { packPath, packWhiteout } from './pack-path.js';

interface Walk {
  tar: Pack;
  lower: string;
  upper: string;
  links: Map<string, string>;
}

/**
 * The layer tar that turns tree `lower` into tree `upper` (vfs/btrfs commit, or a merged overlay view):
 * added and changed entries in full, removed ones as `.wh.NAME`. Deterministic order: per directory,
 * whiteouts first, then entries by name, each directory followed by its contents.
 */
export function diffTrees(lower: string, upper: string): Readable {
  return packStream((tar) => compare({ tar, lower, upper, links: new Map() }, ''));
}

const relOf = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

async function compare(w: Walk, rel: string): Promise<void> {
  const upperNames = readdirSync(join(w.upper, rel)).sort();
  const lowerNames = new Set(readdirSync(join(w.lower, rel)));
  for (const name of [...lowerNames].sort()) {
    if (upperNames.includes(name)) continue;
    const st = lstatSync(join(w.upper, rel));
    await packWhiteout(w.tar, relOf(rel, `${WHITEOUT_PREFIX}${name}`), st.mtime);
  }
  for (const name of upperNames) {
    const child = relOf(rel, name);
    const u = lstatSync(join(w.upper, child), { bigint: true });
    const l = lowerNames.has(name) ? lstatSync(join(w.lower, child), { bigint: true }) : undefined;
    if (l === undefined || typeOf(l) !== typeOf(u)) {
      await addTree(w, child, u);
    } else if (u.isDirectory()) {
      if (changed(w, child, l, u)) await packPath(w.tar, child, join(w.upper, child), u, w.links);
      await compare(w, child);
    } else if (changed(w, child, l, u)) {
      await packPath(w.tar, child, join(w.upper, child), u, w.links);
    }
  }
}

async function addTree(w: Walk, rel: string, st: BigIntStats): Promise<void> {
  await packPath(w.tar, rel, join(w.upper, rel), st, w.links);
  if (!st.isDirectory()) return;
  for (const name of readdirSync(join(w.upper, rel)).sort()) {
    const child = relOf(rel, name);
    await addTree(w, child, lstatSync(join(w.upper, child), { bigint: true }));
  }
}

const typeOf = (st: BigIntStats) => st.mode & 0o170000n;

function changed(w: Walk, rel: string, l: BigIntStats, u: BigIntStats): boolean {
  if (l.mode !== u.mode || l.uid !== u.uid || l.gid !== u.gid || l.rdev !== u.rdev) return true;
  if (l.mtimeNs !== u.mtimeNs || (!u.isDirectory() && l.size !== u.size)) return true;
  const lp = join(w.lower, rel);
  const up = join(w.upper, rel);
  if (u.isSymbolicLink() && readlinkSync(lp) !== readlinkSync(up)) return true;
  if (!sameXattrs(lp, up)) return true;
  // Same size and nanosecond mtime: compare bytes only for small files (mtime was forged or coarse).
  return u.isFile() && u.size <= 65536n && !readFileSync(lp).equals(readFileSync(up));
}

function sameXattrs(a: string, b: string): boolean {
  const n = native();
  const names = n.llistxattr(a).sort();
  const other = n.llistxattr(b).sort();
  if (names.join('\0') !== other.join('\0')) return false;
  return names.every((name) => n.lgetxattr(a, name).equals(n.lgetxattr(b, name)));
}
