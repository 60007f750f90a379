import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Mount } from '../types.js';
import { bind } from './overlay.js';
import { SnapshotDriver } from './snapshot-driver.js';

/**
 * Drivers whose every snapshot is a whole tree of its own at `<snapshot dir>/fs`, mounted with a bind
 * (rw while active, ro otherwise). Subclasses say how a tree is made (empty, or from its parent's), and
 * may seal it on commit and discard it before its dir is removed.
 */
export abstract class WholeTreeDriver extends SnapshotDriver {
  /** Makes the tree FS: empty when there is no parent, else from the parent's tree PARENT_FS. */
  protected abstract makeTree(
    fs: string,
    parentFs: string | undefined,
    kind: 'active' | 'view',
  ): Promise<void>;

  /** Called once a snapshot is committed, before the store is saved. */
  protected async sealTree(_fs: string): Promise<void> {}

  /** Called before the snapshot dir holding FS is removed. */
  protected async discardTree(_fs: string): Promise<void> {}

  async prepare(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'active', parent);
  }

  async view(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'view', parent);
  }

  async commit(name: string, key: string): Promise<void> {
    const record = this.store.commit(name, key);
    await this.sealTree(this.fs(record));
    this.store.save();
  }

  /** The record goes first (saved), then the tree: a crash in between leaves a dir that sweep() removes. */
  async remove(key: string): Promise<void> {
    const record = this.store.delete(key);
    this.store.save();
    await this.discardDir(this.store.dir(record));
  }

  protected override async discardDir(dir: string): Promise<void> {
    await this.discardTree(join(dir, 'fs')).catch(() => {}); // a tree never made, or half made
    this.trash.discard(dir);
  }

  async mounts(key: string): Promise<Mount[]> {
    const record = this.store.get(key);
    return [bind(this.fs(record), [record.kind === 'active' ? 'rw' : 'ro'])];
  }

  private async create(key: string, kind: 'active' | 'view', parent: string | undefined): Promise<Mount[]> {
    const record = this.store.add(key, kind, parent);
    try {
      mkdirSync(this.store.dir(record));
      const parentFs = parent === undefined ? undefined : this.fs(this.store.get(parent));
      await this.makeTree(this.fs(record), parentFs, kind);
      this.store.save();
    } catch (err) {
      this.store.forget(key);
      await this.discardTree(this.fs(record)).catch(() => {});
      rmSync(this.store.dir(record), { recursive: true, force: true });
      throw err;
    }
    return [bind(this.fs(record), [kind === 'active' ? 'rw' : 'ro'])];
  }
}
