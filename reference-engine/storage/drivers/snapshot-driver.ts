import { join } from 'node:path';
import { diskUsage } from '../disk-usage.js';
import { info, type SnapshotRecord, SnapshotStore } from '../snapshot-store.js';
import { Trash } from '../trash.js';
import type { Mount, SnapshotInfo, StorageDriver, Usage } from '../types.js';

/**
 * What every driver shares: snapshot records in a SnapshotStore under `root`, each snapshot's own
 * layer in `<snapshot dir>/fs`. Drivers add how snapshots are made, committed, removed and mounted.
 */
export abstract class SnapshotDriver implements StorageDriver {
  abstract readonly name: string;
  abstract readonly whiteouts: 'overlay' | 'remove';
  protected readonly store: SnapshotStore;
  /** Removed snapshot dirs go here and are deleted in the background (see Trash). */
  protected readonly trash: Trash;

  constructor(readonly root: string) {
    this.store = new SnapshotStore(root);
    this.trash = new Trash(join(root, 'trash'));
  }

  abstract prepare(key: string, parent?: string): Promise<Mount[]>;
  abstract view(key: string, parent?: string): Promise<Mount[]>;
  abstract commit(name: string, key: string): Promise<void>;
  abstract remove(key: string): Promise<void>;
  abstract mounts(key: string): Promise<Mount[]>;

  async usage(key: string): Promise<Usage> {
    return diskUsage(this.fs(this.store.get(key)));
  }

  async stat(key: string): Promise<SnapshotInfo> {
    return info(this.store.get(key));
  }

  async walk(fn: (info: SnapshotInfo) => void | Promise<void>): Promise<void> {
    for (const record of this.store.all()) await fn(info(record));
  }

  async layerDir(key: string): Promise<string> {
    return this.fs(this.store.get(key));
  }

  async sweep(): Promise<void> {
    for (const dir of this.store.orphanDirs()) await this.discardDir(dir);
  }

  /** Deletes a snapshot directory that no record owns (any more). */
  protected async discardDir(dir: string): Promise<void> {
    this.trash.discard(dir);
  }

  protected fs(record: SnapshotRecord): string {
    return join(this.store.dir(record), 'fs');
  }
}
