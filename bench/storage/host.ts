import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Contender } from './types.js';

/** What the host offers; the real one reads PATH and the filesystem, tests pass fakes. */
export interface HostFacts {
  readonly root: boolean;
  has(command: string): boolean;
  exists(path: string): boolean;
}

const onPath = (cmd: string): boolean =>
  (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
    .split(delimiter)
    .concat(['/usr/sbin', '/sbin'])
    .some((dir) => {
      try {
        accessSync(join(dir, cmd), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

export const realHost = (): HostFacts => ({
  root: process.getuid?.() === 0,
  has: onPath,
  exists: existsSync,
});

/** What each contender needs: commands, with the Debian package that has them. */
const NEEDS: Record<Contender, ReadonlyArray<readonly [string, string]>> = {
  'docker-overlay2': [
    ['dockerd', 'docker.io'],
    ['containerd', 'containerd'],
  ],
  'docker-vfs': [
    ['dockerd', 'docker.io'],
    ['containerd', 'containerd'],
  ],
  'docker-btrfs': [
    ['dockerd', 'docker.io'],
    ['containerd', 'containerd'],
    ['mkfs.btrfs', 'btrfs-progs'],
  ],
  'docker-fuse-overlayfs': [
    ['dockerd', 'docker.io'],
    ['containerd', 'containerd'],
    ['fuse-overlayfs', 'fuse-overlayfs'],
  ],
  'podman-overlay': [['podman', 'podman']],
  'podman-vfs': [['podman', 'podman']],
  'ref-overlay': [],
  'ref-vfs': [],
  'ref-btrfs': [
    ['mkfs.btrfs', 'btrfs-progs'],
    ['btrfs', 'btrfs-progs'],
  ],
};

/** Why `c` cannot run on this host, or undefined when it can. */
export function contenderSkip(c: Contender, h: HostFacts): string | undefined {
  if (!h.root && c !== 'ref-vfs') return `${c} needs root (daemons, mounts); skipped`;
  for (const [cmd, pkg] of NEEDS[c]) {
    if (!h.has(cmd)) return `${c} needs the \`${cmd}\` binary (Debian package ${pkg}); skipped`;
  }
  if (c === 'docker-fuse-overlayfs' && !h.exists('/dev/fuse')) return `${c} needs /dev/fuse; skipped`;
  return undefined;
}
