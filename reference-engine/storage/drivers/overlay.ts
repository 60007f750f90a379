import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotRecord } from '../snapshot-store.js';
import type { Mount } from '../types.js';
import { SnapshotDriver } from './snapshot-driver.js';

/** 10 chars from [A-Z0-9]: short lowerdir entries so 64+ layers fit in one page of mount options. */
const newLink = () => randomBytes(10).toString('base64url').replace(/[-_]/g, 'X').slice(0, 10).toUpperCase();

/**
 * Kernel overlayfs. ROOT/snapshots/<id>/{fs,work} per snapshot, ROOT/l/<link> → ../snapshots/<id>/fs
 * per committed snapshot.
 * Mounted with redirect_dir=on so that renaming a directory from a lower layer works (without it the
 * kernel answers EXDEV and only tools that fall back to copy+delete cope); index stays off so the same
 * lower layers can be shared by many containers. A container's upper dir is then diffed with
 * diffOverlayUpper, or — when it holds a redirect — by diffTrees of the mounted view.
 */
export class OverlayDriver extends SnapshotDriver {
  override readonly name = 'overlay';
  override readonly whiteouts = 'overlay' as const;
  constructor(root: string) {
    super(root);
    mkdirSync(join(root, 'l'), { recursive: true });
  }

  async prepare(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'active', parent);
  }

  async view(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'view', parent);
  }

  async commit(name: string, key: string): Promise<void> {
    // The short link is made here, not at prepare: only committed snapshots are ever lowerdirs.
    const active = this.store.get(key);
    const link = active.link ?? newLink();
    if (!active.link) symlinkSync(`../snapshots/${active.id}/fs`, join(this.root, 'l', link));
    let record: SnapshotRecord;
    try {
      record = this.store.commit(name, key);
    } catch (err) {
      if (!active.link) rmSync(join(this.root, 'l', link), { force: true });
      throw err;
    }
    record.link = link;
    rmSync(join(this.store.dir(record), 'work'), { recursive: true, force: true });
    this.store.save();
  }

  /** The record goes first (saved), then link and dir: a crash in between leaves what sweep() removes. */
  async remove(key: string): Promise<void> {
    const record = this.store.delete(key);
    this.store.save();
    if (record.link) rmSync(join(this.root, 'l', record.link), { force: true });
    this.trash.discard(this.store.dir(record));
  }

  /** Orphan snapshot dirs, and links in l/ that no committed snapshot owns (a commit cut off). */
  override async sweep(): Promise<void> {
    await super.sweep();
    const owned = new Set(this.store.all().map((r) => r.link));
    for (const link of readdirSync(join(this.root, 'l')))
      if (!owned.has(link)) rmSync(join(this.root, 'l', link), { force: true });
  }

  async mounts(key: string): Promise<Mount[]> {
    const record = this.store.get(key);
    if (record.kind === 'committed') return [bind(this.fs(record), ['ro'])];
    return this.mountsOf(record);
  }

  private create(key: string, kind: 'active' | 'view', parent: string | undefined): Mount[] {
    const record = this.store.add(key, kind, parent);
    try {
      const dir = this.store.dir(record);
      mkdirSync(join(dir, 'fs'), { recursive: true, mode: 0o755 });
      if (kind === 'active') mkdirSync(join(dir, 'work'));
      this.store.save();
      return this.mountsOf(record);
    } catch (err) {
      this.store.forget(key);
      rmSync(this.store.dir(record), { recursive: true, force: true });
      throw err;
    }
  }

  private mountsOf(record: SnapshotRecord): Mount[] {
    const lowers = this.store.chain(record.parent).map((p) => join(this.root, 'l', p.link as string));
    const dir = this.store.dir(record);
    if (record.kind === 'active') {
      if (lowers.length === 0) return [bind(join(dir, 'fs'), ['rw'])];
      const options = ['index=off', 'redirect_dir=on', `lowerdir=${lowers.join(':')}`];
      return [
        {
          type: 'overlay',
          source: 'overlay',
          options: [...options, `upperdir=${join(dir, 'fs')}`, `workdir=${join(dir, 'work')}`],
        },
      ];
    }
    if (lowers.length === 0) return [bind(join(dir, 'fs'), ['ro'])];
    if (lowers.length === 1) return [bind(lowers[0] as string, ['ro'])];
    return [
      {
        type: 'overlay',
        source: 'overlay',
        options: ['ro', 'index=off', 'redirect_dir=on', `lowerdir=${lowers.join(':')}`],
      },
    ];
  }
}

export const bind = (source: string, options: string[]): Mount => ({
  type: 'bind',
  source,
  options: ['rbind', ...options],
});
