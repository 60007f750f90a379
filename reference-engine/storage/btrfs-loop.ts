import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unmount } from './mount.js';

/** Whether `cmd --version` runs (within 5 s): a cheap check that a tool is installed. */
export function hasTool(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh btrfs on a sparse loop file, for trying the btrfs driver anywhere (root and btrfs-progs needed).
 * Lifecycle: `await mountBtrfsLoop(size, prefix)` makes a temp dir, an image of SIZE (truncate's syntax)
 * formatted btrfs and loop-mounted at `mnt`; `dispose()` unmounts it and deletes the dir.
 */
export interface BtrfsLoop {
  readonly mnt: string;
  dispose(): Promise<void>;
}

export async function mountBtrfsLoop(size: string, prefix: string): Promise<BtrfsLoop> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const mnt = join(dir, 'mnt');
  const dispose = async () => {
    await unmount(mnt);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('truncate', ['-s', size, join(dir, 'fs.img')], { timeout: 10_000 });
    execFileSync('mkfs.btrfs', ['-q', join(dir, 'fs.img')], { timeout: 60_000 });
    mkdirSync(mnt);
    execFileSync('mount', ['-o', 'loop', join(dir, 'fs.img'), mnt], { timeout: 30_000 });
  } catch (err) {
    await dispose();
    throw err;
  }
  return { mnt, dispose };
}
