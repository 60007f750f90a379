import { mkdirSync } from 'node:fs';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';

/**
 * The containers' rootfs mounts on the host, counted: the running container holds one, archive and
 * export calls take their own leases; the last release unmounts.
 */
export class RootfsMounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly driver: StorageDriver) {}

  async acquire(snapshotKey: string, target: string): Promise<void> {
    const n = this.counts.get(target) ?? 0;
    if (n === 0) {
      mkdirSync(target, { recursive: true, mode: 0o755 });
      await unmount(target); // a stale mount from before a crash: start from a clean mount point
      await mountAll(await this.driver.mounts(snapshotKey), target);
    }
    this.counts.set(target, n + 1);
  }

  /** Marks an existing mount (found mounted when adopting a running container) as held once. */
  adopt(target: string): void {
    this.counts.set(target, Math.max(1, this.counts.get(target) ?? 0));
  }

  async release(target: string): Promise<void> {
    const n = this.counts.get(target) ?? 0;
    if (n > 1) {
      this.counts.set(target, n - 1);
      return;
    }
    this.counts.delete(target);
    await unmount(target);
  }

  held(target: string): boolean {
    return (this.counts.get(target) ?? 0) > 0;
  }
}
