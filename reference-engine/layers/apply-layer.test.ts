import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TarEntry, tarBuffer } from '../../core/tar/index.js';
import { native } from '../syscalls/index.js';
import { applyLayer } from './apply-layer.js';

const isRoot = process.getuid?.() === 0;
const hasZstd = (() => {
  try {
    execFileSync('zstd', ['--version'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
})();
const T = new Date('2023-11-14T22:13:20Z');

const rich: TarEntry[] = [
  { name: 'etc/', type: 'directory', mode: 0o755, mtime: T, pax: { mtime: '1700000000.5' } },
  {
    name: 'etc/conf',
    mode: 0o640,
    uid: 1000,
    gid: 1001,
    mtime: T,
    pax: { mtime: '1700000000.123456789', 'SCHILY.xattr.user.k': 'v' },
    content: 'hello',
  },
  { name: 'bin/su', mode: 0o4755, uid: 0, gid: 0, mtime: T, content: '#!' },
  { name: 'tmp/', type: 'directory', mode: 0o1777, mtime: T },
  {
    name: 'etc/link',
    type: 'symlink',
    linkname: '../bin/su',
    mtime: T,
    pax: { mtime: '1700000001.000000007' },
  },
  { name: 'etc/hard', type: 'link', linkname: 'etc/conf' },
  { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666, mtime: T },
  { name: 'run/fifo', type: 'fifo', mode: 0o600, mtime: T },
];

describe('applyLayer', () => {
  let dir: string;
  let root: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-apply-'));
    root = join(dir, 'root');
    mkdirSync(root);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!isRoot)(
    'preserves types, owners, modes, nanosecond times, xattrs and hardlinks (root only)',
    async () => {
      const tar = await tarBuffer(rich);
      const result = await applyLayer(root, Readable.from([tar]), { whiteouts: 'overlay' });
      expect(result).toMatchObject({ compression: 'none', size: tar.length, entries: rich.length });
      expect(result.diffId).toBe(`sha256:${createHash('sha256').update(tar).digest('hex')}`);
      const conf = lstatSync(join(root, 'etc/conf'), { bigint: true });
      expect([conf.uid, conf.gid, conf.mode & 0o7777n, conf.mtimeNs]).toEqual([
        1000n,
        1001n,
        0o640n,
        1_700_000_000_123_456_789n,
      ]);
      expect(readFileSync(join(root, 'etc/conf'), 'utf8')).toBe('hello');
      expect(native().lgetxattr(join(root, 'etc/conf'), 'user.k').toString()).toBe('v');
      expect(lstatSync(join(root, 'bin/su')).mode & 0o7777).toBe(0o4755);
      expect(lstatSync(join(root, 'tmp')).mode & 0o7777).toBe(0o1777);
      expect(readlinkSync(join(root, 'etc/link'))).toBe('../bin/su');
      expect(lstatSync(join(root, 'etc/link'), { bigint: true }).mtimeNs).toBe(1_700_000_001_000_000_007n);
      expect(lstatSync(join(root, 'etc/hard')).ino).toBe(conf.ino > 0n ? Number(conf.ino) : -1);
      const dev = lstatSync(join(root, 'dev/null'));
      expect([dev.isCharacterDevice(), dev.rdev]).toEqual([true, (1 << 8) | 3]);
      expect(lstatSync(join(root, 'run/fifo')).isFIFO()).toBe(true);
      // Directory times are set after the directory's contents were written.
      expect(lstatSync(join(root, 'etc'), { bigint: true }).mtimeNs).toBe(1_700_000_000_500_000_000n);
    },
  );

  it('detects gzip and zstd by magic bytes and yields the same tree and diffID', async () => {
    const tar = await tarBuffer([{ name: 'a/b', mtime: T, content: 'x'.repeat(100_000) }]);
    const plain = await applyLayer(root, Readable.from([tar]), { whiteouts: 'remove' });
    const gz = join(dir, 'gz');
    mkdirSync(gz);
    const gzip = await applyLayer(gz, Readable.from([gzipSync(tar)]), { whiteouts: 'remove' });
    expect(gzip).toEqual({ ...plain, compression: 'gzip' });
    expect(readFileSync(join(gz, 'a/b'), 'utf8')).toHaveLength(100_000);
    if (!hasZstd) return;
    const zst = join(dir, 'zst');
    mkdirSync(zst);
    const compressed = execFileSync('zstd', ['-c', '-q'], { input: tar, timeout: 10_000 });
    const zstd = await applyLayer(zst, Readable.from([compressed]), { whiteouts: 'remove' });
    expect(zstd).toEqual({ ...plain, compression: 'zstd' });
    expect(readFileSync(join(zst, 'a/b'), 'utf8')).toHaveLength(100_000);
  });

  it('fails cleanly on a corrupt zstd stream', async () => {
    if (!hasZstd) return;
    const bad = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(64, 7)]);
    await expect(applyLayer(root, Readable.from([bad]), { whiteouts: 'remove' })).rejects.toThrow();
  });

  it.skipIf(!isRoot)(
    'writes whiteouts in overlay form: char 0/0 and the opaque xattr (root only)',
    async () => {
      const tar = await tarBuffer([
        { name: 'a/.wh.gone' },
        { name: 'b/', type: 'directory' },
        { name: 'b/.wh..wh..opq' },
        { name: 'b/kept', content: 'k' },
      ]);
      await applyLayer(root, Readable.from([tar]), { whiteouts: 'overlay' });
      const wh = lstatSync(join(root, 'a/gone'));
      expect([wh.isCharacterDevice(), wh.rdev]).toEqual([true, 0]);
      expect(native().lgetxattr(join(root, 'b'), 'trusted.overlay.opaque').toString()).toBe('y');
      expect(readFileSync(join(root, 'b/kept'), 'utf8')).toBe('k');
      expect(() => lstatSync(join(root, 'b/.wh..wh..opq'))).toThrow();
    },
  );

  it('removes whited-out lower content in remove form; opaque keeps what this layer wrote', async () => {
    for (const p of ['a/b/c', 'keep', 'x']) mkdirSync(join(root, p), { recursive: true });
    writeFileSync(join(root, 'a/b/c/bar'), 'old');
    writeFileSync(join(root, 'file1'), 'old');
    const tar = await tarBuffer([
      { name: 'a/', type: 'directory' },
      { name: 'a/b/', type: 'directory' },
      { name: 'a/b/c/', type: 'directory' },
      { name: 'a/b/c/foo', content: 'new' },
      { name: 'a/.wh..wh..opq' },
      { name: '.wh.file1' },
      { name: '.wh.x' },
      { name: 'x', content: 'file replacing the whited-out dir' },
    ]);
    await applyLayer(root, Readable.from([tar]), { whiteouts: 'remove' });
    expect(readFileSync(join(root, 'a/b/c/foo'), 'utf8')).toBe('new');
    expect(() => lstatSync(join(root, 'a/b/c/bar'))).toThrow(/ENOENT/);
    expect(() => lstatSync(join(root, 'file1'))).toThrow(/ENOENT/);
    expect(lstatSync(join(root, 'x')).isFile()).toBe(true);
    expect(lstatSync(join(root, 'keep')).isDirectory()).toBe(true);
  });

  it('replaces an existing entry of another type and keeps an existing directory', async () => {
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'd/inside'), '');
    mkdirSync(join(root, 'was-dir'));
    writeFileSync(join(root, 'was-file'), '');
    const tar = await tarBuffer([
      { name: 'd/', type: 'directory', mode: 0o711 },
      { name: 'was-dir', type: 'symlink', linkname: 'd' },
      { name: 'was-file/', type: 'directory' },
    ]);
    await applyLayer(root, Readable.from([tar]), { whiteouts: 'remove' });
    expect(lstatSync(join(root, 'd/inside')).isFile()).toBe(true);
    expect(lstatSync(join(root, 'd')).mode & 0o777).toBe(0o711);
    expect(lstatSync(join(root, 'was-dir')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(root, 'was-file')).isDirectory()).toBe(true);
  });

  it.skipIf(!isRoot)(
    'writes batched small files with owner, mode and ns times; replaces what exists without following it',
    async () => {
      writeFileSync(join(dir, 'outside'), 'secret');
      symlinkSync(join(dir, 'outside'), join(root, 'link'));
      mkdirSync(join(root, 'was-dir'));
      writeFileSync(join(root, 'was-dir/inside'), '');
      const many: TarEntry[] = [];
      for (let i = 0; i < 150; i++)
        many.push({
          name: `d${i % 3}/f${i}`,
          mode: 0o4750,
          uid: 1000 + i,
          gid: 7,
          mtime: T,
          pax: { mtime: `1700000000.${i}` },
          content: `body ${i}`,
        });
      const tar = await tarBuffer([
        ...many,
        { name: 'link', mode: 0o600, content: 'replaced' },
        { name: 'was-dir', mode: 0o600, content: 'now a file' },
      ]);
      await applyLayer(root, Readable.from([tar]), { whiteouts: 'overlay' });
      expect(readFileSync(join(dir, 'outside'), 'utf8')).toBe('secret');
      expect(readFileSync(join(root, 'link'), 'utf8')).toBe('replaced');
      expect(readFileSync(join(root, 'was-dir'), 'utf8')).toBe('now a file');
      for (const i of [0, 77, 149]) {
        const st = lstatSync(join(root, `d${i % 3}/f${i}`), { bigint: true });
        expect([st.uid, st.gid, st.mode & 0o7777n, st.mtimeNs]).toEqual([
          BigInt(1000 + i),
          7n,
          0o4750n,
          1_700_000_000_000_000_000n + BigInt(Number(`0.${i}`.padEnd(11, '0').slice(2))),
        ]);
        expect(readFileSync(join(root, `d${i % 3}/f${i}`), 'utf8')).toBe(`body ${i}`);
      }
    },
  );
});
