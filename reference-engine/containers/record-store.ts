import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Trash } from '../storage/trash.js';
import { writeFileAtomic } from './atomic-write.js';
import type { ContainerRecord } from './types.js';

const RECORD = 'config.v2.json';

/**
 * Container records on disk: ROOT/containers/<id>/config.v2.json, each written atomically (not fsynced). The
 * directory also holds the json-file log, hosts, hostname, resolv.conf and the OCI bundle's config.json.
 */
export class RecordStore {
  /** Removed containers' directories (ROOT/trash/containers), deleted in the background (see Trash). */
  readonly trash: Trash;
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o710 });
    this.trash = new Trash(join(dirname(dir), 'trash', basename(dir)));
  }

  containerDir(id: string): string {
    return join(this.dir, id);
  }

  /** Makes the container's directory (a fresh id: it must not exist). */
  makeDir(id: string): string {
    const dir = this.containerDir(id);
    mkdirSync(dir, { mode: 0o710 });
    return dir;
  }

  /**
   * Writes the record as it is now, atomically (temp file, rename over), before it returns: a daemon
   * killed at any point leaves the previous record or this one, whole. There is no fsync: it only
   * matters for a power loss, where every container dies anyway, and it was the largest cost of each
   * state change (the loader treats a record torn by a power loss as a create cut off: loadAll). The
   * promise is for callers that await it; a failed write rejects it and changes nothing on disk.
   */
  save(record: ContainerRecord): Promise<void> {
    try {
      writeFileAtomic(join(this.containerDir(record.id), RECORD), JSON.stringify(record));
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Every readable record; directories without one (a create cut off before its first write) are listed in `orphans`. */
  loadAll(): { records: ContainerRecord[]; orphans: string[] } {
    const records: ContainerRecord[] = [];
    const orphans: string[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const path = join(this.dir, name, RECORD);
      if (!existsSync(path)) {
        orphans.push(name);
        continue;
      }
      try {
        records.push(JSON.parse(readFileSync(path, 'utf8')) as ContainerRecord);
      } catch {
        orphans.push(name); // torn beyond the atomic write's guarantee: treat as a cut-off create
      }
    }
    return { records, orphans };
  }

  /** Moves the container's directory out of its place (it is gone when this resolves); its files are deleted in the background. */
  async removeDir(id: string): Promise<void> {
    this.trash.discard(this.containerDir(id));
  }
}
