import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { native } from '../syscalls/index.js';
import { copyTree } from './copy-tree.js';

describe('copyTree', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-copy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps types, modes, xattrs, hardlinks and nanosecond times', () => {
    const src = join(dir, 'src');
    const n = native();
    mkdirSync(join(src, 'd'), { recursive: true });
    writeFileSync(join(src, 'd/a'), 'data');
    linkSync(join(src, 'd/a'), join(src, 'b'));
    symlinkSync('d/a', join(src, 'link'));
    n.mknod(join(src, 'fifo'), n.constants.S_IFIFO | 0o600, 0, 0);
    n.lsetxattr(join(src, 'd/a'), 'user.k', Buffer.from('v'), 0);
    n.utimensat(join(src, 'd/a'), 1, 2, 1_700_000_000, 123_456_789);
    n.utimensat(join(src, 'd'), 1, 2, 1_600_000_000, 7);
    const stats = copyTree(src, join(dir, 'dst'));
    expect(stats.cloned + stats.copied).toBe(1);
    const a = lstatSync(join(dir, 'dst/d/a'), { bigint: true });
    expect(a.mtimeNs).toBe(1_700_000_000_123_456_789n);
    expect(lstatSync(join(dir, 'dst/d'), { bigint: true }).mtimeNs).toBe(1_600_000_000_000_000_007n);
    expect(lstatSync(join(dir, 'dst/b'), { bigint: true }).ino).toBe(a.ino);
    expect(n.lgetxattr(join(dir, 'dst/d/a'), 'user.k').toString()).toBe('v');
    expect(readlinkSync(join(dir, 'dst/link'))).toBe('d/a');
    expect(lstatSync(join(dir, 'dst/fifo')).isFIFO()).toBe(true);
  });
});
