import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Trash } from '../storage/trash.js';
import { writeFileAtomicAsync } from './atomic-write.js';
import type { ContainerRecord } from './types.js';

const RECORD = 'config.v2.json';

/**
 * Container records on disk: ROOT/containers/<id>/config.v2.json, each written atomically. The
 * directory also holds the json-file log, hosts, hostname, resolv.conf and the OCI bundle's config.json.
 */
export class RecordStore {
  /** Removed containers' directories (ROOT/trash/containers), deleted in the background (see Trash). */
  readonly trash: Trash;
  /** Per record, the last write queued: writes of one record run one after another, in call order. */
  private readonly writes = new Map<string, Promise<void>>();

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
   * Writes the record as it is now (atomically, fsynced) and resolves once that is on disk; await it
   * before answering. Writes of one record are queued in call order; a failed write rejects its own
   * call only.
   */
  save(record: ContainerRecord): Promise<void> {
    const { id } = record;
    const text = JSON.stringify(record);
    const path = join(this.containerDir(id), RECORD);
    const write = (this.writes.get(id) ?? Promise.resolve()).then(() =>
      writeFileAtomicAsync(path, text, { durable: true }),
    );
    const settled = write.catch(() => {});
    this.writes.set(id, settled);
    void settled.then(() => {
      if (this.writes.get(id) === settled) this.writes.delete(id);
    });
    return write;
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

  /**
   * After the record's queued writes, moves the container's directory out of its place (it is gone
   * when this resolves); its files are deleted in the background.
   */
  async removeDir(id: string): Promise<void> {
    await this.writes.get(id);
    this.trash.discard(this.containerDir(id));
  }
}
