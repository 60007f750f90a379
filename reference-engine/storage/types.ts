import type { WhiteoutMode } from '../layers/apply-context.js';

/** What to mount, in mount(8) terms: overlay, bind, ... with its options (ro, lowerdir=..., rbind). */
export interface Mount {
  type: string;
  source: string;
  options: string[];
}

export type SnapshotKind = 'active' | 'view' | 'committed';

export interface SnapshotInfo {
  /** The key of an active snapshot or view; the name of a committed one. */
  key: string;
  kind: SnapshotKind;
  parent?: string;
  /** ISO time of creation. */
  created: string;
}

export interface Usage {
  /** Bytes used by this snapshot's own layer (hardlinks counted once). */
  size: number;
  inodes: number;
}

/**
 * A storage driver in containerd's Snapshotter shape: it manages snapshot directories and returns the
 * mounts that assemble them; it never mounts anything itself (use `mountAll`). Lifecycle of an image
 * layer and a container:
 *
 *   const m = await driver.prepare('extract-L1', undefined);   // active, writable
 *   await applyLayer(dirOf(m), blob, { whiteouts: driver.whiteouts }); await driver.commit('L1', 'extract-L1');
 *   const rootfs = await driver.prepare('ctr-1', 'L1');        // a container's writable rootfs on L1
 *   await mountAll(rootfs, target); ... await unmount(target);
 *   await driver.remove('ctr-1');                              // children first, then parents
 *
 * Keys are unique across kinds. Errors: NotFound (unknown key or parent), Conflict (key exists, or
 * removing a snapshot that has children), InvalidArgument (commit of a non-active snapshot, a parent
 * that is not committed).
 */
export interface StorageDriver {
  readonly name: string;
  /** How a layer tar applied straight into this driver's layer dir must write whiteouts. */
  readonly whiteouts: WhiteoutMode;
  /** A new active (writable) snapshot on top of committed `parent`. */
  prepare(key: string, parent?: string): Promise<Mount[]>;
  /** A new read-only view of committed `parent`. */
  view(key: string, parent?: string): Promise<Mount[]>;
  /** Turns active snapshot `key` into committed `name`; `key` ceases to exist. */
  commit(name: string, key: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** The mounts of an existing active snapshot or view. */
  mounts(key: string): Promise<Mount[]>;
  usage(key: string): Promise<Usage>;
  stat(key: string): Promise<SnapshotInfo>;
  /** Calls `fn` for every snapshot, in key order. */
  walk(fn: (info: SnapshotInfo) => void | Promise<void>): Promise<void>;
  /** The directory holding a snapshot's own layer (its upper dir or full copy); for apply and diff. */
  layerDir(key: string): Promise<string>;
  /**
   * Removes what a crash left on disk that no snapshot owns (directories, overlay links). Only the
   * root's owner calls it, once at open, before anything else uses the driver (the daemon, under its lock).
   */
  sweep(): Promise<void>;
}
