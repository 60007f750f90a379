import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Unavailable } from '../errors.js';

/** Numeric constants the addon exports from the C headers (open, openat2 resolve, mknod, mount). */
export interface NativeConstants {
  readonly AT_FDCWD: number;
  readonly O_PATH: number;
  readonly O_DIRECTORY: number;
  readonly O_NOFOLLOW: number;
  readonly O_CLOEXEC: number;
  readonly RESOLVE_NO_XDEV: number;
  readonly RESOLVE_NO_MAGICLINKS: number;
  readonly RESOLVE_NO_SYMLINKS: number;
  readonly RESOLVE_BENEATH: number;
  readonly RESOLVE_IN_ROOT: number;
  readonly S_IFCHR: number;
  readonly S_IFBLK: number;
  readonly S_IFIFO: number;
  readonly XATTR_CREATE: number;
  readonly XATTR_REPLACE: number;
  readonly MS_RDONLY: number;
  readonly MS_NOSUID: number;
  readonly MS_NODEV: number;
  readonly MS_NOEXEC: number;
  readonly MS_REMOUNT: number;
  readonly MS_BIND: number;
  readonly MS_REC: number;
  readonly MS_PRIVATE: number;
  readonly MNT_FORCE: number;
  readonly MNT_DETACH: number;
}

/**
 * The syscalls Node lacks. All calls are synchronous; a failure throws an Error with `code` (errno
 * name such as ENOENT), `errno`, `syscall` and, for path calls, `path` — the same shape as node:fs errors.
 * Owners: use fs.lchown (Node has it).
 */
export interface Native {
  /** mknod(2); `mode` includes the type bits (constants.S_IFCHR / S_IFBLK / S_IFIFO). */
  mknod(path: string, mode: number, major: number, minor: number): void;
  lsetxattr(path: string, name: string, value: Buffer, flags: number): void;
  lgetxattr(path: string, name: string): Buffer;
  llistxattr(path: string): string[];
  /** mount(2); `data` is the comma-separated option string (or null). */
  mount(source: string, target: string, fstype: string, flags: number, data: string | null): void;
  umount2(target: string, flags: number): void;
  /** utimensat(AT_FDCWD, path, ..., AT_SYMLINK_NOFOLLOW): nanosecond times, never follows a final symlink. */
  utimensat(path: string, atimeSec: number, atimeNsec: number, mtimeSec: number, mtimeNsec: number): void;
  /** openat2(2) returning the new fd; `resolve` is a mask of constants.RESOLVE_*. */
  openat2(dirfd: number, path: string, flags: number, mode: number, resolve: number): number;
  /** ioctl(dstFd, FICLONE, srcFd): reflink copy; EOPNOTSUPP / EXDEV / EINVAL where unsupported. */
  ficlone(srcFd: number, dstFd: number): void;
  /**
   * Creates a batch of small regular files in one thread-pool job (the only asynchronous call). File i
   * is the i-th NUL-terminated name in `names` (one path component), created in `dirFds[i]` with
   * O_CREAT|O_EXCL|O_NOFOLLOW, then written from `data` (bodies back to back), fchown'd when `chown`,
   * fchmod'd, futimens'd and closed. `meta`: WRITE_META_FIELDS doubles per file (length, uid, gid, mode,
   * atime s, atime ns, mtime s, mtime ns). Resolves two ints per file: errno (0 written, -1 not tried)
   * and the failing step (index into WRITE_STEPS). EEXIST is reported and the batch goes on; any other
   * error stops it. Inputs must not change until the promise settles.
   */
  writeFiles(
    dirFds: Int32Array,
    names: Buffer,
    data: Buffer,
    meta: Float64Array,
    chown: boolean,
  ): Promise<Int32Array>;
  /**
   * posix_spawn(file, argv) in a new session when `setsid`: the child's fd i is `fds[i]` (-1: /dev/null),
   * signal mask and dispositions reset. Returns the pid; reap it with `reap`.
   */
  spawn(file: string, argv: readonly string[], fds: Int32Array, setsid: boolean): number;
  /** waitpid(pid, WNOHANG): undefined while it runs, else [exit code or -1, terminating signal or 0]. */
  reap(pid: number): [number, number] | undefined;
  /** pipe2(O_CLOEXEC): [read end, write end]. */
  pipe(): [number, number];
  readonly constants: NativeConstants;
}

const here = dirname(fileURLToPath(import.meta.url));
// Works from the source tree (reference-engine/syscalls) and from dist/reference-engine/syscalls.
const candidates = [resolve(here, '../../build'), resolve(here, '../../../build')].map((dir) =>
  join(dir, 'shipshape_native.node'),
);

let loaded: Native | undefined;

/** Doubles per file in writeFiles' `meta`. */
export const WRITE_META_FIELDS = 8;
/** The step of writeFiles that failed, by the index it reports. */
export const WRITE_STEPS = ['openat', 'write', 'fchown', 'fchmod', 'futimens', 'close', 'name'] as const;

/** Loads build/shipshape_native.node once; a clear ENVIRONMENT error when it has not been built. */
export function native(): Native {
  if (loaded) return loaded;
  const file = candidates.find((path) => existsSync(path));
  if (file === undefined) {
    throw new Unavailable(
      `native addon not built: none of ${candidates.join(', ')} exists (run \`npm run build\` in a checkout, or \`bash scripts/build-native.sh\` where the package is installed)`,
    );
  }
  loaded = createRequire(import.meta.url)(file) as Native;
  return loaded;
}

/** The errno name of a failed fs or native call (ENOENT, ELOOP, ...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
