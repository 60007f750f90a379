import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from '../corpus/encode.js';
import { filesystemOf } from '../results/environment.js';

const run = promisify(execFile);

/** Where `apply` writes: a tmpfs, the work dir's own filesystem, or btrfs on a loop file. */
export type TargetKind = 'tmpfs' | 'workdir' | 'btrfs';
export const TARGET_KINDS: readonly TargetKind[] = ['tmpfs', 'workdir', 'btrfs'];

/** A directory to extract into. Lifecycle: openTarget -> fresh() per iteration -> close() (unmounts). */
export interface ApplyTarget {
  readonly kind: TargetKind;
  /** Filesystem type as mounted (tmpfs, ext4, overlay, btrfs ...). */
  readonly fs: string;
  /** A new empty directory on the target; remove it with `clear`. */
  fresh(name: string): Promise<string>;
  clear(dir: string): Promise<void>;
  close(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;
const sh = (cmd: string, args: string[]) => run(cmd, args, { timeout: 120_000 });

function targetAt(kind: TargetKind, root: string, fs: string, close: () => Promise<void>): ApplyTarget {
  return {
    kind,
    fs,
    async fresh(name) {
      const dir = join(root, name);
      await mkdir(dir, { recursive: true });
      return dir;
    },
    clear: (dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 }),
    close,
  };
}

/** Opens a target under `workDir`, or returns why it cannot be had here. */
export async function openTarget(kind: TargetKind, workDir: string): Promise<ApplyTarget | string> {
  const base = await mkdtemp(join(workDir, `target-${kind}-`));
  const dispose = () => rm(base, { recursive: true, force: true });
  if (kind === 'workdir') return targetAt(kind, base, filesystemOf(base), dispose);
  if (!isRoot()) {
    await dispose();
    return `${kind} target needs root (mount); skipped`;
  }
  const mnt = join(base, 'mnt');
  await mkdir(mnt);
  const unmount = async () => {
    await sh('umount', [mnt]).catch(() => sh('umount', ['-l', mnt]).catch(() => {}));
    await dispose();
  };
  try {
    if (kind === 'tmpfs') {
      await sh('mount', ['-t', 'tmpfs', '-o', 'size=8g,mode=0755', 'shipshape-bench', mnt]);
    } else {
      if (!findExecutable('mkfs.btrfs')) {
        await dispose();
        return 'btrfs target needs mkfs.btrfs (Debian package btrfs-progs); skipped';
      }
      const image = join(base, 'btrfs.img');
      await sh('truncate', ['-s', '4G', image]);
      await sh('mkfs.btrfs', ['-q', image]);
      await sh('mount', ['-o', 'loop', image, mnt]);
    }
  } catch (err) {
    await unmount();
    return `${kind} target could not be mounted: ${(err as Error).message.split('\n')[0]}`;
  }
  return targetAt(kind, mnt, kind, unmount);
}
