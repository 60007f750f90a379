import {
  type BigIntStats,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  lchownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { errnoCode, native } from '../syscalls/index.js';

/** Copy statistics: how many regular files were reflinked (FICLONE) and how many copied byte by byte. */
export interface CopyStats {
  cloned: number;
  copied: number;
}

const NO_REFLINK = new Set(['EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOTTY', 'ENOSYS']);

/**
 * Copies the tree `src` into the new directory `dst` keeping types, owners, modes, xattrs, hardlinks
 * and nanosecond times. Regular files are reflinked with FICLONE where the filesystem can (btrfs, xfs);
 * after the first refusal the rest are copied.
 */
export function copyTree(src: string, dst: string): CopyStats {
  const state = { stats: { cloned: 0, copied: 0 }, reflink: true, links: new Map<string, string>() };
  copyEntry(state, src, dst, lstatSync(src, { bigint: true }));
  return state.stats;
}

interface State {
  stats: CopyStats;
  reflink: boolean;
  links: Map<string, string>;
}

function copyEntry(state: State, src: string, dst: string, st: BigIntStats): void {
  const n = native();
  const key = `${st.dev}:${st.ino}`;
  const first = !st.isDirectory() && st.nlink > 1n ? state.links.get(key) : undefined;
  if (first !== undefined) {
    linkSync(first, dst);
    return;
  }
  if (st.isDirectory()) {
    mkdirSync(dst, 0o700);
    for (const name of readdirSync(src))
      copyEntry(state, join(src, name), join(dst, name), lstatSync(join(src, name), { bigint: true }));
  } else if (st.isFile()) {
    copyFile(state, src, dst);
  } else if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dst);
  } else {
    const major = Number(((st.rdev >> 8n) & 0xfffn) | ((st.rdev >> 32n) & ~0xfffn));
    const minor = Number((st.rdev & 0xffn) | ((st.rdev >> 12n) & ~0xffn));
    n.mknod(dst, Number(st.mode & 0o170000n) | 0o600, major, minor);
  }
  if (st.nlink > 1n && !st.isDirectory()) state.links.set(key, dst);
  if (process.getuid?.() === 0) lchownSync(dst, Number(st.uid), Number(st.gid));
  if (!st.isSymbolicLink()) chmodSync(dst, Number(st.mode & 0o7777n));
  for (const name of n.llistxattr(src)) n.lsetxattr(dst, name, n.lgetxattr(src, name), 0);
  const sec = (ns: bigint) => Number(ns / 1_000_000_000n);
  const nsec = (ns: bigint) => Number(ns % 1_000_000_000n);
  n.utimensat(dst, sec(st.atimeNs), nsec(st.atimeNs), sec(st.mtimeNs), nsec(st.mtimeNs));
}

function copyFile(state: State, src: string, dst: string): void {
  if (state.reflink) {
    const from = openSync(src, constants.O_RDONLY | constants.O_NOFOLLOW);
    const to = openSync(dst, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      native().ficlone(from, to);
      state.stats.cloned++;
      return;
    } catch (err) {
      if (!NO_REFLINK.has(errnoCode(err) ?? '')) throw err;
      state.reflink = false;
    } finally {
      closeSync(from);
      closeSync(to);
    }
  }
  copyFileSync(src, dst);
  state.stats.copied++;
}
