import { closeSync, mkdirSync } from 'node:fs';
import { errnoCode, native } from '../syscalls/index.js';
import { refuse } from './entry-path.js';

const MAX_CACHED = 128;
/** What a refresh keeps of a full cache: the most recently used parents (tars are mostly sequential). */
const KEEP_CACHED = 32;

/** A path for node:fs that names `name` inside the directory held open as `fd` (never re-resolved). */
export const at = (fd: number, name: string): string => `/proc/self/fd/${fd}/${name}`;

/**
 * A root directory held open by fd, into which entries are written without ever following a symlink:
 * each parent directory is opened with openat2(RESOLVE_IN_ROOT | NO_SYMLINKS | NO_MAGICLINKS | NO_XDEV),
 * and the final component is then created or changed through /proc/self/fd/<parent>/<name> with
 * no-follow calls. Lifecycle: `RootDir.open(path)` → `parent(...)` per entry → `close()`.
 */
export class RootDir {
  private readonly cache = new Map<string, number>();
  private stale = false;

  private constructor(readonly fd: number) {}

  static open(path: string): RootDir {
    const n = native();
    const { O_PATH, O_DIRECTORY, O_CLOEXEC, AT_FDCWD } = n.constants;
    return new RootDir(n.openat2(AT_FDCWD, path, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0));
  }

  /** Opens `dir` (components) beneath the root; creates missing directories (0755) when `create`. */
  parent(entryName: string, dir: readonly string[], create: boolean): number {
    if (dir.length === 0) return this.fd;
    const key = dir.join('/');
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, cached);
      return cached;
    }
    let fd: number;
    try {
      fd = this.openBeneath(this.fd, key);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' || !create) throw explain(entryName, key, err);
      fd = this.createPath(entryName, dir);
    }
    this.cache.set(key, fd);
    return fd;
  }

  /** Marks cached parents stale: call after anything removed or replaced a directory. */
  invalidate(): void {
    this.stale = true;
  }

  /** Whether `refresh()` has work: a directory was replaced, or the cache is full. */
  get needsRefresh(): boolean {
    return this.stale || this.cache.size >= MAX_CACHED;
  }

  /**
   * Between entries, with no write in flight: when stale, closes every cached parent fd; when full,
   * closes the least recently used ones down to KEEP_CACHED.
   */
  refresh(): void {
    if (!this.needsRefresh) return;
    const drop = this.stale ? this.cache.size : this.cache.size - KEEP_CACHED;
    let dropped = 0;
    for (const [key, fd] of this.cache) {
      if (dropped++ >= drop) break;
      closeSync(fd);
      this.cache.delete(key);
    }
    this.stale = false;
  }

  close(): void {
    this.invalidate();
    this.refresh();
    closeSync(this.fd);
  }

  private openBeneath(dirFd: number, path: string): number {
    const n = native();
    const c = n.constants;
    const resolve = c.RESOLVE_IN_ROOT | c.RESOLVE_NO_SYMLINKS | c.RESOLVE_NO_MAGICLINKS | c.RESOLVE_NO_XDEV;
    return n.openat2(dirFd, path, c.O_PATH | c.O_DIRECTORY | c.O_CLOEXEC, 0, resolve);
  }

  private createPath(entryName: string, dir: readonly string[]): number {
    let current = this.fd;
    try {
      for (const [i, name] of dir.entries()) {
        let next: number;
        try {
          next = this.openBeneath(current, name);
        } catch (err) {
          if (errnoCode(err) !== 'ENOENT') throw explain(entryName, dir.slice(0, i + 1).join('/'), err);
          mkdirSync(at(current, name), 0o755);
          next = this.openBeneath(current, name);
        }
        if (current !== this.fd) closeSync(current);
        current = next;
      }
      return current;
    } catch (err) {
      if (current !== this.fd) closeSync(current);
      throw err;
    }
  }
}

function explain(entryName: string, dir: string, err: unknown): Error {
  switch (errnoCode(err)) {
    case 'ELOOP':
      return refuse(entryName, `parent ${JSON.stringify(dir)} is or goes through a symlink`);
    case 'ENOTDIR':
      return refuse(entryName, `parent ${JSON.stringify(dir)} is not a directory`);
    case 'EXDEV':
      return refuse(entryName, `parent ${JSON.stringify(dir)} crosses a mount point`);
    case 'ENAMETOOLONG':
      return refuse(entryName, 'name too long');
    case 'ENOENT':
      return refuse(entryName, `parent ${JSON.stringify(dir)} does not exist`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
