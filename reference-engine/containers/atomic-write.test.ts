import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic-write.js';
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

  it('writes off the event loop with the same guarantees: whole file, old content kept on failure', async () => {
    const path = join(dir, 'f');
    await writeFileAtomicAsync(path, 'one', { durable: true });
    await writeFileAtomicAsync(path, 'two', { mode: 0o644, durable: true });
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f']);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    await expect(writeFileAtomicAsync(join(dir, 'missing', 'f'), 'x')).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('two');
  });

  it('loads records and reports directories without one (a create cut off before its first write)', async () => {
    const store = new RecordStore(join(dir, 'containers'));
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    store.makeDir(a);
    await store.save({ id: a, name: '/x' } as ContainerRecord);
    store.makeDir(b);
    const { records, orphans } = store.loadAll();
    expect(records.map((r) => r.id)).toEqual([a]);
    expect(orphans).toEqual([b]);
    await store.removeDir(a);
    expect(existsSync(store.containerDir(a))).toBe(false);
    expect(store.loadAll().records).toEqual([]);
    await store.trash.idle();
    expect(readdirSync(store.trash.dir)).toEqual([]);
  });

  it('lists a torn or empty record (a power loss right after an unsynced write) as an orphan, not a failure', async () => {
    const store = new RecordStore(join(dir, 'containers'));
    const whole = '1'.repeat(64);
    const empty = '2'.repeat(64);
    const torn = '3'.repeat(64);
    for (const id of [whole, empty, torn]) store.makeDir(id);
    await store.save({ id: whole, name: '/whole' } as ContainerRecord);
    writeFileSync(join(store.containerDir(empty), 'config.v2.json'), '');
    writeFileSync(join(store.containerDir(torn), 'config.v2.json'), '{"id":"33');
    const { records, orphans } = store.loadAll();
    expect(records.map((r) => r.name)).toEqual(['/whole']);
    expect(orphans.sort()).toEqual([empty, torn]);
  });

  it('writes one record`s saves in call order, each as it was when saved; removal waits for them', async () => {
    const store = new RecordStore(join(dir, 'containers'));
    const a = 'd'.repeat(64);
    store.makeDir(a);
    const record = { id: a, name: '/one' } as ContainerRecord;
    const saves = ['/one', '/two', '/three'].map((name) => {
      record.name = name;
      return store.save(record);
    });
    record.name = '/changed after the last save';
    await saves[0];
    await Promise.all(saves);
    expect(store.loadAll().records.map((r) => r.name)).toEqual(['/three']);
    const last = store.save(record);
    await store.removeDir(a); // after the queued write, not under it
    await expect(last).resolves.toBeUndefined();
    expect(existsSync(store.containerDir(a))).toBe(false);
    await store.trash.idle();
    expect(readdirSync(store.dir)).toEqual([]);
  });

  it('empties, when opened, a trash a crash left behind', async () => {
    const containers = join(dir, 'containers');
    const left = join(dir, 'trash', 'containers', 'left-by-a-crash', 'rootfs');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(left, { recursive: true });
    writeFileSync(join(left, 'file'), 'x');
    const store = new RecordStore(containers);
    await store.trash.idle();
    expect(readdirSync(store.trash.dir)).toEqual([]);
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
