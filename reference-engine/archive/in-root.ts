import { closeSync, constants, fstatSync, readSync } from 'node:fs';
import { native } from '../syscalls/index.js';

/**
 * Paths inside a container's root, resolved by the kernel as if that directory were `/`: openat2 with
 * RESOLVE_IN_ROOT, so `..` stops at the root and every symlink (absolute or relative, at any depth)
 * is followed inside it. Nothing a container can put in its tree leads out (the CVE-2018-15664 class):
 * there is no lookup in user space for it to race.
 */

/** Opens `hostPath` (trusted: the daemon's own rootfs path) as the root for the calls below. */
export function openRoot(hostPath: string): number {
  const n = native();
  const { O_PATH, O_DIRECTORY, O_CLOEXEC, AT_FDCWD } = n.constants;
  return n.openat2(AT_FDCWD, hostPath, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0);
}

/** openat2(rootFd, path, flags | O_CLOEXEC, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS). */
export function openInRoot(rootFd: number, path: string, flags: number, mode = 0): number {
  const n = native();
  const c = n.constants;
  const rel = path.replace(/^\/+/, '') || '.';
  return n.openat2(rootFd, rel, flags | c.O_CLOEXEC, mode, c.RESOLVE_IN_ROOT | c.RESOLVE_NO_MAGICLINKS);
}

/** `openInRoot` with O_PATH: a handle for fstat, readlink of /proc/self/fd, or a later openat2. */
export function pathInRoot(
  rootFd: number,
  path: string,
  opts: { directory?: boolean; nofollow?: boolean } = {},
): number {
  const c = native().constants;
  const flags = c.O_PATH | (opts.directory ? c.O_DIRECTORY : 0) | (opts.nofollow ? c.O_NOFOLLOW : 0);
  return openInRoot(rootFd, path, flags);
}

/**
 * A small regular file inside the root (/etc/passwd), or undefined when it is missing, not a regular
 * file, or larger than `maxBytes`.
 */
export function readSmallFileInRoot(
  rootFd: number,
  path: string,
  maxBytes = 1024 * 1024,
): string | undefined {
  let fd: number;
  try {
    fd = openInRoot(rootFd, path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** A path for node:fs naming the object held open as `fd` (or `name` directly inside it): never re-resolved. */
export const fdPath = (fd: number, name?: string): string =>
  name === undefined ? `/proc/self/fd/${fd}` : `/proc/self/fd/${fd}/${name}`;
