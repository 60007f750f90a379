import { type ApiOpsOptions, apiOps } from './api-ops.js';
import { refOps } from './ref-ops.js';
import { startScratchDockerd } from './scratch-dockerd.js';
import { startScratchPodman } from './scratch-podman.js';
import type { Contender, StorageOps, StorageProfile, StorageSettings } from './types.js';

/** Size of the sparse btrfs loop file for docker-btrfs and ref-btrfs. */
export const BTRFS_LOOP_BYTES = 4 * 1024 ** 3;

/** The StorageOps of a contender: a scratch dockerd or Podman service, or a reference driver. */
export function opsFor(c: Contender, s: StorageSettings, profile: StorageProfile): StorageOps {
  const common = { workDir: s.workDir, profile, seed: s.seed, runId: s.runId };
  const docker = (driver: string, extra: Partial<ApiOpsOptions> = {}) =>
    apiOps(c, {
      ...common,
      ...extra,
      start: (dir, dataRoot) => startScratchDockerd(driver, dir, { dataRoot }),
    });
  const podman = (driver: string) =>
    apiOps(c, { ...common, start: (dir) => startScratchPodman(driver, dir) });
  switch (c) {
    case 'docker-overlay2':
      return docker('overlay2');
    case 'docker-vfs':
      return docker('vfs');
    case 'docker-btrfs':
      return docker('btrfs', { btrfsBytes: BTRFS_LOOP_BYTES });
    case 'docker-fuse-overlayfs':
      return docker('fuse-overlayfs');
    case 'podman-overlay':
      return podman('overlay');
    case 'podman-vfs':
      return podman('vfs');
    case 'ref-overlay':
      return refOps(c, 'overlay', { ...common, btrfsBytes: BTRFS_LOOP_BYTES });
    case 'ref-vfs':
      return refOps(c, 'vfs', { ...common, btrfsBytes: BTRFS_LOOP_BYTES });
    case 'ref-btrfs':
      return refOps(c, 'btrfs', { ...common, btrfsBytes: BTRFS_LOOP_BYTES });
  }
}
