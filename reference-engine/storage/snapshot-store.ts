import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Conflict, InvalidArgument, NotFound, Unavailable } from '../errors.js';
import type { SnapshotInfo, SnapshotKind } from './types.js';

export interface SnapshotRecord extends SnapshotInfo {
  /** Directory name under ROOT/snapshots. */
  id: string;
  /** Driver-specific extra (the overlay driver's short link name). */
  link?: string;
}

interface Metadata {
  nextId: number;
  snapshots: Record<string, SnapshotRecord>;
}

/** The snapshot table every driver shares: ROOT/metadata.json, rewritten atomically on each change. */
export class SnapshotStore {
  private readonly file: string;
  private readonly data: Metadata;

  constructor(readonly root: string) {
    mkdirSync(join(root, 'snapshots'), { recursive: true });
    this.file = join(root, 'metadata.json');
    this.data = readMetadata(this.file);
  }

  dir(record: SnapshotRecord): string {
    return join(this.root, 'snapshots', record.id);
  }

  get(key: string): SnapshotRecord {
    const record = this.data.snapshots[key];
    if (!record) throw new NotFound(`snapshot ${JSON.stringify(key)} does not exist`);
    return record;
  }

  /** The committed parent chain of `parent`, nearest first. */
  chain(parent: string | undefined): SnapshotRecord[] {
    const out: SnapshotRecord[] = [];
    for (let key = parent; key !== undefined; key = this.get(key).parent) out.push(this.get(key));
    return out;
  }

  /** Reserves `key` (unique) on top of `parent` (must be committed); not saved until `save()`. */
  add(key: string, kind: SnapshotKind, parent: string | undefined): SnapshotRecord {
    if (!key) throw new InvalidArgument('snapshot key is empty');
    if (this.data.snapshots[key]) throw new Conflict(`snapshot ${JSON.stringify(key)} already exists`);
    if (parent !== undefined && this.get(parent).kind !== 'committed') {
      throw new InvalidArgument(`parent ${JSON.stringify(parent)} is not committed`);
    }
    const record: SnapshotRecord = {
      key,
      kind,
      id: String(this.data.nextId++),
      created: new Date().toISOString(),
    };
    if (parent !== undefined) record.parent = parent;
    this.data.snapshots[key] = record;
    return record;
  }

  /** Renames active `key` to committed `name`. */
  commit(name: string, key: string): SnapshotRecord {
    const record = this.get(key);
    if (record.kind !== 'active') throw new InvalidArgument(`snapshot ${JSON.stringify(key)} is not active`);
    if (this.data.snapshots[name]) throw new Conflict(`snapshot ${JSON.stringify(name)} already exists`);
    delete this.data.snapshots[key];
    const committed = { ...record, key: name, kind: 'committed' as const };
    this.data.snapshots[name] = committed;
    return committed;
  }

  /** Forgets `key`; refuses while another snapshot has it as parent. */
  delete(key: string): SnapshotRecord {
    const record = this.get(key);
    const child = Object.values(this.data.snapshots).find((s) => s.parent === key);
    if (child) throw new Conflict(`snapshot ${JSON.stringify(key)} has a child ${JSON.stringify(child.key)}`);
    delete this.data.snapshots[key];
    return record;
  }

  forget(key: string): void {
    delete this.data.snapshots[key];
  }

  all(): SnapshotRecord[] {
    return Object.values(this.data.snapshots).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Rewrites metadata.json atomically and durably: temp file, fsync, rename. */
  save(): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(this.data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }

  /**
   * Snapshot directories no record owns: what a crash between a directory's making and the metadata's
   * save (or between a removal's save and its deletion) left behind.
   */
  orphanDirs(): string[] {
    const owned = new Set(Object.values(this.data.snapshots).map((r) => r.id));
    return readdirSync(join(this.root, 'snapshots'))
      .filter((name) => !owned.has(name))
      .map((name) => join(this.root, 'snapshots', name));
  }
}

/**
 * metadata.json, or an empty table when there is none yet. An unreadable one is refused rather than
 * taken for empty: every snapshot dir would then look like an orphan.
 */
function readMetadata(file: string): Metadata {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { nextId: 1, snapshots: {} };
    throw err;
  }
  try {
    return JSON.parse(text) as Metadata;
  } catch (err) {
    throw new Unavailable(`snapshot metadata ${file} is not JSON: ${(err as Error).message}`);
  }
}

export function info(record: SnapshotRecord): SnapshotInfo {
  const out: SnapshotInfo = { key: record.key, kind: record.kind, created: record.created };
  if (record.parent !== undefined) out.parent = record.parent;
  return out;
}
