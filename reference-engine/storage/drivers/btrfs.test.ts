import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { storageDriverSuite } from '../driver-suite.js';
import { unmount } from '../mount.js';
import { BtrfsDriver } from './btrfs.js';

const has = (tool: string) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};
const skip =
  process.getuid?.() !== 0
    ? 'btrfs loop mounts need root'
    : !has('mkfs.btrfs') || !has('btrfs')
      ? 'btrfs-progs not installed'
      : undefined;

// A fresh btrfs on a loop file for this file's tests; unmounted and deleted afterwards.
let dir = '';
beforeAll(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'shipshape-btrfs-'));
  execFileSync('truncate', ['-s', '1G', join(dir, 'fs.img')], { timeout: 10_000 });
  execFileSync('mkfs.btrfs', ['-q', join(dir, 'fs.img')], { timeout: 60_000 });
  mkdirSync(join(dir, 'mnt'));
  execFileSync('mount', ['-o', 'loop', join(dir, 'fs.img'), join(dir, 'mnt')], { timeout: 30_000 });
});
afterAll(async () => {
  if (!dir) return;
  await unmount(join(dir, 'mnt'));
  rmSync(dir, { recursive: true, force: true });
});

storageDriverSuite('btrfs', (root) => new BtrfsDriver(root), { skip, baseDir: () => join(dir, 'mnt') });
