import { mkdirSync, statfsSync } from 'node:fs';
import { InvalidArgument } from '../../errors.js';
import type { StorageDriver } from '../types.js';
import { BtrfsDriver } from './btrfs.js';
import { OverlayDriver } from './overlay.js';
import { VfsDriver } from './vfs.js';

export const DRIVER_NAMES = ['overlay', 'vfs', 'btrfs'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

const BTRFS_SUPER_MAGIC = 0x9123683e;

/** A driver rooted at `root` (created if missing); btrfs refuses a root that is not on btrfs. */
export function openDriver(name: DriverName, root: string): StorageDriver {
  mkdirSync(root, { recursive: true });
  switch (name) {
    case 'overlay':
      return new OverlayDriver(root);
    case 'vfs':
      return new VfsDriver(root);
    case 'btrfs':
      if (statfsSync(root).type !== BTRFS_SUPER_MAGIC)
        throw new InvalidArgument(`the btrfs driver needs its root on btrfs, and ${root} is not`);
      return new BtrfsDriver(root);
  }
}
