import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { RecordStore } from './record-store.js';
import type { ContainerRecord } from './types.js';

describe('atomic writes and the record store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipd-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the whole file and leaves no temp file', () => {
    const path = join(dir, 'f');
    writeFileAtomic(path, 'one', { durable: true });
    writeFileAtomic(path, 'two', { mode: 0o644 });
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f']);
    expect(statSync(path).mode & 0o777).toBe(0o644); // the new file's mode
  });

  it('keeps the old content when the write fails, and cleans its temp file', () => {
    const path = join(dir, 'f');
    writeFileAtomic(path, 'old');
    expect(() => writeFileAtomic(join(dir, 'missing', 'f'), 'x')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('loads records and reports directories without one (a create cut off before its first write)', () => {
    const store = new RecordStore(join(dir, 'containers'));
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    store.makeDir(a);
    store.save({ id: a, name: '/x' } as ContainerRecord);
    store.makeDir(b);
    const { records, orphans } = store.loadAll();
    expect(records.map((r) => r.id)).toEqual([a]);
    expect(orphans).toEqual([b]);
    store.removeDir(a);
    expect(store.loadAll().records).toEqual([]);
  });

  it('treats a torn record as an orphan rather than failing to open', async () => {
    const store = new RecordStore(join(dir, 'containers'));
    const a = 'c'.repeat(64);
    store.makeDir(a);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(store.containerDir(a), 'config.v2.json'), '{"id":');
    expect(store.loadAll()).toEqual({ records: [], orphans: [a] });
  });
});
