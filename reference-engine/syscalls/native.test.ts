import {
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errnoCode, native, WRITE_META_FIELDS, WRITE_STEPS } from './index.js';

const isRoot = process.getuid?.() === 0;
const n = native();
const c = n.constants;

describe('native addon', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-native-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('throws errors shaped like node:fs errors', () => {
    const missing = join(dir, 'missing');
    let caught: unknown;
    try {
      n.llistxattr(missing);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ code: 'ENOENT', syscall: 'llistxattr', path: missing, errno: -2 });
  });

  it('makes fifos, and character devices with major/minor when root', () => {
    n.mknod(join(dir, 'fifo'), c.S_IFIFO | 0o640, 0, 0);
    const fifo = lstatSync(join(dir, 'fifo'));
    expect(fifo.isFIFO()).toBe(true);
    expect(fifo.mode & 0o777).toBe(0o640 & ~process.umask());
    if (!isRoot) return;
    n.mknod(join(dir, 'null'), c.S_IFCHR | 0o666, 1, 3);
    const dev = lstatSync(join(dir, 'null'));
    expect(dev.isCharacterDevice()).toBe(true);
    expect([Math.floor(dev.rdev / 256), dev.rdev % 256]).toEqual([1, 3]);
  });

  it('round-trips xattrs without following symlinks', () => {
    const file = join(dir, 'f');
    writeFileSync(file, 'x');
    n.lsetxattr(file, 'user.shipshape', Buffer.from([0, 1, 255]), 0);
    expect([...n.lgetxattr(file, 'user.shipshape')]).toEqual([0, 1, 255]);
    expect(n.llistxattr(file)).toContain('user.shipshape');
    symlinkSync('f', join(dir, 'link'));
    expect(() => n.lgetxattr(join(dir, 'link'), 'user.shipshape')).toThrow(/ENODATA/);
    expect(() => n.lsetxattr(file, 'user.shipshape', Buffer.from('y'), c.XATTR_CREATE)).toThrow(/EEXIST/);
  });

  it('sets nanosecond times on a symlink itself', () => {
    writeFileSync(join(dir, 'target'), '');
    symlinkSync('target', join(dir, 'link'));
    n.utimensat(join(dir, 'link'), 1_600_000_000, 5, 1_700_000_000, 123_456_789);
    const link = lstatSync(join(dir, 'link'), { bigint: true });
    expect(link.mtimeNs).toBe(1_700_000_000_123_456_789n);
    expect(lstatSync(join(dir, 'target'), { bigint: true }).mtimeNs).not.toBe(link.mtimeNs);
    expect(() => n.utimensat(join(dir, 'link'), 0, 1_000_000_000, 0, 0)).toThrow(RangeError);
  });

  it('openat2 keeps resolution inside the root and can refuse symlinks', () => {
    const root = join(dir, 'root');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc', 'passwd'), 'inside');
    writeFileSync(join(dir, 'passwd'), 'outside');
    symlinkSync('/etc', join(root, 'abs'));
    const rootFd = n.openat2(c.AT_FDCWD, root, c.O_PATH | c.O_DIRECTORY | c.O_CLOEXEC, 0, 0);
    try {
      const inRoot = c.RESOLVE_IN_ROOT | c.RESOLVE_NO_MAGICLINKS;
      const fd = n.openat2(rootFd, '../../abs/passwd', 0, 0, inRoot);
      expect(readFileSync(fd, 'utf8')).toBe('inside');
      closeSync(fd);
      let caught: unknown;
      try {
        n.openat2(rootFd, 'abs/passwd', 0, 0, inRoot | c.RESOLVE_NO_SYMLINKS);
      } catch (err) {
        caught = err;
      }
      expect(errnoCode(caught)).toBe('ELOOP');
      expect(() => n.openat2(rootFd, '../passwd', 0, 0, c.RESOLVE_BENEATH)).toThrow(/EXDEV/);
    } finally {
      closeSync(rootFd);
    }
  });

  it('ficlone either reflinks or fails with an errno the caller can fall back on', () => {
    writeFileSync(join(dir, 'src'), 'data');
    const src = openSync(join(dir, 'src'), 'r');
    const dst = openSync(join(dir, 'dst'), 'w');
    try {
      n.ficlone(src, dst);
      expect(readFileSync(join(dir, 'dst'), 'utf8')).toBe('data');
    } catch (err) {
      expect(['EOPNOTSUPP', 'EXDEV', 'EINVAL', 'ENOTTY']).toContain(errnoCode(err));
    } finally {
      closeSync(src);
      closeSync(dst);
    }
  });

  it.skipIf(!isRoot)('mounts and unmounts a tmpfs with flags and data (root only)', () => {
    const target = join(dir, 'mnt');
    mkdirSync(target);
    n.mount('shipshape-test', target, 'tmpfs', c.MS_NOSUID | c.MS_NODEV, 'size=1m,mode=0710');
    try {
      expect(lstatSync(target).mode & 0o7777).toBe(0o710);
      writeFileSync(join(target, 'f'), 'x');
    } finally {
      n.umount2(target, 0);
    }
    expect(() => lstatSync(join(target, 'f'))).toThrow();
    expect(() => n.umount2(target, 0)).toThrow(/EINVAL/);
  });

  it('writeFiles creates a batch in dir fds, reports EEXIST per file and never follows a symlink', async () => {
    writeFileSync(join(dir, 'target'), 'keep');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    const dirFd = n.openat2(c.AT_FDCWD, dir, c.O_PATH | c.O_DIRECTORY | c.O_CLOEXEC, 0, 0);
    try {
      const names = ['a', 'link', 'b', 'x/y'];
      const bodies = ['alpha', 'nope', '', 'bad'];
      const meta = new Float64Array(names.length * WRITE_META_FIELDS);
      bodies.forEach((body, i) => {
        meta.set(
          [body.length, 0, 0, 0o640, 1_600_000_000, 5, 1_700_000_000, 123_456_789],
          i * WRITE_META_FIELDS,
        );
      });
      const result = await n.writeFiles(
        new Int32Array(names.length).fill(dirFd),
        Buffer.from(names.map((name) => `${name}\0`).join('')),
        Buffer.from(bodies.join('')),
        meta,
        false,
      );
      const steps = (i: number) => [result[2 * i], WRITE_STEPS[result[2 * i + 1] as number]];
      expect([steps(1), steps(3)]).toEqual([
        [17, 'openat'],
        [22, 'name'],
      ]);
      expect([result[0], result[4]]).toEqual([0, 0]);
      // Before any read: relatime would move an atime older than the mtime.
      const st = lstatSync(join(dir, 'a'), { bigint: true });
      expect([st.mode & 0o7777n, st.mtimeNs, st.atimeNs]).toEqual([
        0o640n,
        1_700_000_000_123_456_789n,
        1_600_000_000_000_000_005n,
      ]);
      expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('alpha');
      expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('');
      expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('keep');
    } finally {
      closeSync(dirFd);
    }
  });

  it('writeFiles stops a batch at the first failure other than EEXIST', async () => {
    const dirFd = n.openat2(c.AT_FDCWD, dir, c.O_PATH | c.O_DIRECTORY | c.O_CLOEXEC, 0, 0);
    try {
      const meta = new Float64Array(2 * WRITE_META_FIELDS);
      meta.set([0, 0, 0, 0o644, 0, 2_000_000_000, 0, 0]); // nanoseconds out of range: futimens EINVAL
      meta.set([0, 0, 0, 0o644, 0, 0, 0, 0], WRITE_META_FIELDS);
      const result = await n.writeFiles(
        new Int32Array([dirFd, dirFd]),
        Buffer.from('p\0q\0'),
        Buffer.alloc(0),
        meta,
        false,
      );
      expect([...result]).toEqual([22, WRITE_STEPS.indexOf('futimens'), -1, WRITE_STEPS.indexOf('name')]);
      expect(() => lstatSync(join(dir, 'q'))).toThrow(/ENOENT/);
    } finally {
      closeSync(dirFd);
    }
  });
});
