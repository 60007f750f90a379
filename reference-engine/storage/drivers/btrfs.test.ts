import { afterAll, beforeAll } from 'vitest';
import { type BtrfsLoop, hasTool, mountBtrfsLoop } from '../btrfs-loop.js';
import { storageDriverSuite } from '../driver-suite.js';
import { BtrfsDriver } from './btrfs.js';

const skip =
  process.getuid?.() !== 0
    ? 'btrfs loop mounts need root'
    : !hasTool('mkfs.btrfs') || !hasTool('btrfs')
      ? 'btrfs-progs not installed'
      : undefined;

// A fresh btrfs on a loop file for this file's tests; unmounted and deleted afterwards.
let loop: BtrfsLoop | undefined;
beforeAll(async () => {
  if (skip) return;
  loop = await mountBtrfsLoop('1G', 'shipshape-btrfs-');
});
afterAll(async () => {
  await loop?.dispose();
});

storageDriverSuite('btrfs', (root) => new BtrfsDriver(root), { skip, baseDir: () => loop?.mnt ?? '' });
