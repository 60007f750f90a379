import { mkdirSync, rmSync } from 'node:fs';
import { execa } from 'execa';
import { ShipshapeError } from '../../../harness/errors.js';
import type { Mount } from '../types.js';
import { bind } from './overlay.js';
import { SnapshotDriver } from './snapshot-driver.js';

const TIMEOUT_MS = 30_000;

/**
 * btrfs: a subvolume per layer (ROOT/snapshots/<id>/fs), a snapshot of the parent for each child,
 * read-only once committed. ROOT must be on btrfs. Uses the `btrfs` CLI (btrfs-progs) rather than
 * ioctls in the addon: the BTRFS_IOC_* argument structs are version-sensitive, the CLI is the stable
 * interface, and one exec (~2 ms) per layer operation is small next to the work it does.
 */
export class BtrfsDriver extends SnapshotDriver {
  override readonly name = 'btrfs';
  override readonly whiteouts = 'remove' as const;
  async prepare(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'active', parent);
  }

  async view(key: string, parent?: string): Promise<Mount[]> {
    return this.create(key, 'view', parent);
  }

  async commit(name: string, key: string): Promise<void> {
    const record = this.store.commit(name, key);
    await btrfs('property', 'set', '-ts', this.fs(record), 'ro', 'true');
    this.store.save();
  }

  async remove(key: string): Promise<void> {
    const record = this.store.delete(key);
    await btrfs('subvolume', 'delete', this.fs(record));
    rmSync(this.store.dir(record), { recursive: true, force: true });
    this.store.save();
  }

  async mounts(key: string): Promise<Mount[]> {
    const record = this.store.get(key);
    return [bind(this.fs(record), [record.kind === 'active' ? 'rw' : 'ro'])];
  }

  private async create(key: string, kind: 'active' | 'view', parent: string | undefined): Promise<Mount[]> {
    const record = this.store.add(key, kind, parent);
    try {
      mkdirSync(this.store.dir(record));
      if (parent === undefined) await btrfs('subvolume', 'create', this.fs(record));
      else {
        const ro = kind === 'view' ? ['-r'] : [];
        await btrfs('subvolume', 'snapshot', ...ro, this.fs(this.store.get(parent)), this.fs(record));
      }
      this.store.save();
    } catch (err) {
      this.store.forget(key);
      await btrfs('subvolume', 'delete', this.fs(record)).catch(() => {});
      rmSync(this.store.dir(record), { recursive: true, force: true });
      throw err;
    }
    return [bind(this.fs(record), [kind === 'active' ? 'rw' : 'ro'])];
  }
}

async function btrfs(...args: string[]): Promise<void> {
  const result = await execa('btrfs', args, { timeout: TIMEOUT_MS, reject: false });
  if (result.failed) {
    const reason = result.timedOut ? `timed out after ${TIMEOUT_MS} ms` : result.stderr || result.message;
    throw new ShipshapeError('ENVIRONMENT', `btrfs ${args.join(' ')}: ${reason}`);
  }
}
