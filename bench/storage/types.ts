import type { SuiteSettings } from '../plan/profile.js';

export const CONTENDERS = [
  'docker-overlay2',
  'docker-vfs',
  'docker-btrfs',
  'docker-fuse-overlayfs',
  'podman-overlay',
  'podman-vfs',
  'ref-overlay',
  'ref-vfs',
  'ref-btrfs',
] as const;
export type Contender = (typeof CONTENDERS)[number];

/** What the storage suite measures; each becomes `storage/<contender>/<measure>[/<param>]`. */
export type Measure = 'create' | 'copy-up' | 'commit' | 'disk-usage' | 'remove';

/** Sizes and counts of one profile. */
export interface StorageProfile {
  /** Layer counts of the images containers are created on. */
  readonly layers: readonly number[];
  /** Sizes (bytes) of the lower-layer files that get their first write. */
  readonly copyUpBytes: readonly number[];
  /** Containers made for the disk-usage figure. */
  readonly containers: number;
  readonly warmup: number;
  readonly samples: number;
  /** Samples of the disk-usage figure (each makes `containers` containers). */
  readonly diskSamples: number;
}

export interface StorageSettings extends SuiteSettings {
  /** Only these contenders (default all). */
  readonly contenders?: readonly Contender[];
}

/**
 * One contender's storage, behind a Docker-API engine it started or a reference driver in process.
 * Lifecycle: `open()` (start the daemon, load or unpack the images) -> any of the operations below, many
 * times -> `close()`, always (removes every container, image, daemon, mount and directory it made).
 * A "container" is a handle: a container ID, or a snapshot key for reference drivers.
 */
export interface StorageOps {
  readonly contender: Contender;
  open(signal: AbortSignal): Promise<void>;
  /** A created (not started) container on the image with `layers` layers. */
  create(layers: number, signal: AbortSignal): Promise<string>;
  remove(handle: string, signal: AbortSignal): Promise<void>;
  /** A container on the copy-up image that stays up (running, or mounted) for writes. */
  startWorker(signal: AbortSignal): Promise<string>;
  /** An operation like `append` minus the write (an empty exec), or undefined when there is none. */
  readonly baseline?: (handle: string, signal: AbortSignal) => Promise<void>;
  /** Appends one byte to the lower-layer file of `bytes` bytes: its first write, so a copy-up. */
  append(handle: string, bytes: number, signal: AbortSignal): Promise<void>;
  /** Ends writes to `handle` (reference drivers unmount) and returns its diff's size in bytes. */
  diffBytes(handle: string, signal: AbortSignal): Promise<number>;
  /** Commits `handle` into an image (or committed snapshot); returns its handle. */
  commit(handle: string, signal: AbortSignal): Promise<string>;
  removeImage(image: string, signal: AbortSignal): Promise<void>;
  /** Bytes the store uses now (allocated blocks; btrfs: filesystem used bytes). */
  usage(): Promise<number>;
  close(): Promise<void>;
}
