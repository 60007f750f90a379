import { mkdirSync, rmSync } from 'node:fs';
import { copyTree } from '../copy-tree.js';
import type { Mount } from '../types.js';
import { bind } from './overlay.js';
import { SnapshotDriver } from './snapshot-driver.js';

/**
 * A full copy of the parent per snapshot (ROOT/snapshots/<id>/fs), reflinked with FICLONE where the
 * filesystem supports it. Works anywhere; slow and big on filesystems without reflinks.
 */
export class VfsDriver extends SnapshotDriver {
  override readonly name = 'vfs';
  override readonly whiteouts = 'remove' as const;
  async prepare(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'active', parent);
  }

  async view(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'view', parent);
  }

  async commit(name: string, key: string): Promise<void> {
    this.store.commit(name, key);
    this.store.save();
  }

  async remove(key: string): Promise<void> {
    const record = this.store.delete(key);
    rmSync(this.store.dir(record), { recursive: true, force: true });
    this.store.save();
  }

  async mounts(key: string): Promise<Mount[]> {
    const record = this.store.get(key);
    return [bind(this.fs(record), [record.kind === 'active' ? 'rw' : 'ro'])];
  }

  private create(key: string, kind: 'active' | 'view', parent: string | undefined): Mount[] {
    const record = this.store.add(key, kind, parent);
    try {
      mkdirSync(this.store.dir(record));
      if (parent === undefined) mkdirSync(this.fs(record), 0o755);
      else copyTree(this.fs(this.store.get(parent)), this.fs(record));
      this.store.save();
    } catch (err) {
      this.store.forget(key);
      rmSync(this.store.dir(record), { recursive: true, force: true });
      throw err;
    }
    return [bind(this.fs(record), [kind === 'active' ? 'rw' : 'ro'])];
  }
}
