import { type BigIntStats, closeSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { InvalidArgument } from '../errors.js';
import { errnoCode } from '../syscalls/index.js';
import { fdPath, openRoot, pathInRoot } from './in-root.js';

/**
 * A container path resolved under a root held open: its parent directory is an O_PATH fd resolved
 * with RESOLVE_IN_ROOT (every symlink on the way followed inside the root), and the final component
 * is looked at through that fd without following it. `name` is '' when the path names the directory
 * itself (`/`, a trailing `/` or `/.`, which follow a final symlink). `close()` when done.
 */
export interface ResolvedTarget {
  readonly rootFd: number;
  readonly dirFd: number;
  readonly name: string;
  /** The path in the root as asked (trailing `/` or `/.` kept). */
  readonly inner: string;
  /** The target's lstat (the directory's stat when `name` is ''). */
  readonly stat: BigIntStats;
  /** The host path of the root, symlinks resolved (to map /proc/self/fd links back into the root). */
  readonly rootReal: string;
  close(): void;
}

/** NotFound and friends are the caller's words: `missing()` makes the error for a path that is not there. */
export function resolveTarget(rootHost: string, inner: string, missing: () => Error): ResolvedTarget {
  const wholeDir = inner === '/' || inner.endsWith('/') || inner.endsWith('/.');
  const dirPath = wholeDir ? inner.replace(/\/\.?$/, '') || '/' : posix.dirname(inner);
  const name = wholeDir ? '' : posix.basename(inner);
  const rootFd = openRoot(rootHost);
  let dirFd = -1;
  try {
    dirFd = pathInRoot(rootFd, dirPath, { directory: true });
    const stat = lstatSync(name ? fdPath(dirFd, name) : fdPath(dirFd), { bigint: true });
    const rootReal = realpathSync(rootHost);
    const fds = [dirFd, rootFd];
    const close = () => {
      for (const fd of fds.splice(0)) closeSync(fd);
    };
    return { rootFd, dirFd, name, inner, stat, rootReal, close };
  } catch (err) {
    if (dirFd >= 0) closeSync(dirFd);
    closeSync(rootFd);
    const code = errnoCode(err);
    if (code === 'ENOENT') throw missing();
    if (code === 'ENOTDIR') throw new InvalidArgument(`not a directory: ${inner}`);
    if (code === 'ELOOP') throw new InvalidArgument(`too many levels of symbolic links: ${inner}`);
    throw err;
  }
}

/**
 * Where a symlink target leads, as a container path (dockerd's linkTarget): the link followed inside
 * the root; for a dangling link, its text resolved against the link's directory.
 */
export function linkTargetOf(t: ResolvedTarget): string {
  try {
    const fd = pathInRoot(t.rootFd, t.inner);
    try {
      const host = readlinkSync(fdPath(fd));
      if (host === t.rootReal) return '/';
      if (host.startsWith(`${t.rootReal}/`)) return host.slice(t.rootReal.length);
    } finally {
      closeSync(fd);
    }
  } catch {
    // dangling (or a loop): the link's own text below
  }
  const text = readlinkSync(fdPath(t.dirFd, t.name));
  return posix.normalize(text.startsWith('/') ? text : posix.join(posix.dirname(t.inner), text));
}
