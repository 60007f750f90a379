import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tarBuffer } from '../../core/tar/index.js';
import { Conflict, InvalidArgument, NotFound } from '../errors.js';
import { mountAll, unmount } from './mount.js';
import type { Mount, SnapshotInfo, StorageDriver } from './types.js';
import { removeInterruptedUnpacks, unpackLayer } from './unpack-layer.js';

export interface DriverSuiteOptions {
  /** Where driver roots are made (a btrfs mount, say); default the OS temp dir. */
  baseDir?: () => string;
  /** A reason to skip the whole suite (not root, no btrfs-progs, ...). */
  skip?: string | undefined;
}

/**
 * The behaviour every StorageDriver must show. A driver's test file is one call:
 *   storageDriverSuite('vfs', (root) => new VfsDriver(root));
 * Each test gets a fresh root; everything mounted is unmounted and every dir removed, even on failure.
 */
export function storageDriverSuite(
  name: string,
  factory: (root: string) => StorageDriver,
  options: DriverSuiteOptions = {},
): void {
  describe.skipIf(options.skip !== undefined)(
    `storage driver ${name}${options.skip ? ` (skipped: ${options.skip})` : ''}`,
    () => {
      let base: string;
      let driver: StorageDriver;
      const mounted: string[] = [];

      beforeEach(() => {
        base = mkdtempSync(join(options.baseDir?.() ?? tmpdir(), `shipshape-${name}-`));
        driver = factory(join(base, 'root'));
      });
      afterEach(async () => {
        try {
          for (const target of mounted.splice(0).reverse()) await unmount(target);
          await removeAll(driver);
        } finally {
          rmSync(base, { recursive: true, force: true });
        }
      });

      async function mountAt(mounts: Mount[]): Promise<string> {
        const target = mkdtempSync(join(base, 'mnt-'));
        await mountAll(mounts, target);
        mounted.push(target);
        return target;
      }
      async function release(target: string): Promise<void> {
        await unmount(target);
        mounted.splice(mounted.indexOf(target), 1);
      }
      /** Commits a layer holding `files` on top of `parent`, written through the mounted snapshot. */
      async function layer(
        key: string,
        parent: string | undefined,
        files: Record<string, string>,
      ): Promise<void> {
        const target = await mountAt(await driver.prepare(`${key}-active`, parent));
        for (const [path, body] of Object.entries(files)) {
          mkdirSync(join(target, path, '..'), { recursive: true });
          writeFileSync(join(target, path), body);
        }
        await release(target);
        await driver.commit(key, `${key}-active`);
      }

      it('prepares, commits and views a layer stack; views are read-only', async () => {
        await layer('base', undefined, { 'etc/os': 'one', 'bin/sh': 'sh' });
        await layer('top', 'base', { 'etc/os': 'two' });
        const view = await mountAt(await driver.view('v', 'top'));
        expect(readFileSync(join(view, 'etc/os'), 'utf8')).toBe('two');
        expect(readFileSync(join(view, 'bin/sh'), 'utf8')).toBe('sh');
        expect(() => writeFileSync(join(view, 'new'), 'x')).toThrow(/EROFS/);
      });

      it('isolates a container: copy-up, deletes and renames never reach committed layers', async () => {
        await layer('base', undefined, { 'etc/os': 'one', 'data/a/file': 'a', gone: 'g' });
        await layer('mid', 'base', { 'etc/extra': 'x' });
        const ctr = await mountAt(await driver.prepare('ctr', 'mid'));
        writeFileSync(join(ctr, 'etc/os'), 'changed');
        rmSync(join(ctr, 'gone'));
        renameSync(join(ctr, 'data/a'), join(ctr, 'data/b')); // a directory from a lower layer
        expect(readFileSync(join(ctr, 'data/b/file'), 'utf8')).toBe('a');
        expect(readdirSync(join(ctr, 'data'))).toEqual(['b']);
        const view = await mountAt(await driver.view('v', 'mid'));
        expect(readFileSync(join(view, 'etc/os'), 'utf8')).toBe('one');
        expect(readFileSync(join(view, 'gone'), 'utf8')).toBe('g');
        expect(readdirSync(join(view, 'data'))).toEqual(['a']);
      });

      it('unpacks layer tars with whiteouts and opaque directories', async () => {
        const base = await tarBuffer([
          { name: 'etc/keep', content: 'k' },
          { name: 'etc/drop', content: 'd' },
          { name: 'var/cache/old', content: 'o' },
        ]);
        const next = await tarBuffer([
          { name: 'etc/.wh.drop' },
          { name: 'var/cache/', type: 'directory' },
          { name: 'var/cache/.wh..wh..opq' },
          { name: 'var/cache/new', content: 'n' },
        ]);
        await unpackLayer(driver, 'L1', undefined, Readable.from([base]));
        await unpackLayer(driver, 'L2', 'L1', Readable.from([next]));
        const mid = await mountAt(await driver.view('v1', 'L1'));
        const view = await mountAt(await driver.prepare('v2', 'L2'));
        expect(readdirSync(join(view, 'etc'))).toEqual(['keep']);
        expect(readdirSync(join(view, 'var/cache'))).toEqual(['new']);
        expect(readdirSync(join(mid, 'etc')).sort()).toEqual(['drop', 'keep']);
      });

      it('stacks 90 layers (more than one page of absolute lowerdirs)', async () => {
        let parent: string | undefined;
        for (let i = 0; i < 90; i++) {
          const tar = await tarBuffer([{ name: `layers/${i}`, content: String(i) }]);
          await unpackLayer(driver, `L${i}`, parent, Readable.from([tar]));
          parent = `L${i}`;
        }
        const rootfs = await mountAt(await driver.prepare('ctr', parent));
        expect(readdirSync(join(rootfs, 'layers'))).toHaveLength(90);
        expect(readFileSync(join(rootfs, 'layers/0'), 'utf8')).toBe('0');
      });

      it('reports usage, walks snapshots and keeps them across reopen', async () => {
        await layer('base', undefined, { big: 'x'.repeat(1 << 20) });
        await driver.prepare('ctr', 'base');
        const usage = await driver.usage('base');
        expect(usage.size).toBeGreaterThanOrEqual(1 << 20);
        expect(usage.inodes).toBeGreaterThanOrEqual(2);
        const seen: SnapshotInfo[] = [];
        await factory(join(base, 'root')).walk((info) => {
          seen.push(info);
        });
        expect(seen.map(({ key, kind, parent }) => ({ key, kind, parent }))).toEqual([
          { key: 'base', kind: 'committed', parent: undefined },
          { key: 'ctr', kind: 'active', parent: 'base' },
        ]);
        expect(await driver.mounts('ctr')).toEqual(await factory(join(base, 'root')).mounts('ctr'));
      });

      it('sweeps what a crash left: dirs and links nobody owns, unpacks never committed', async () => {
        const root = join(base, 'root');
        await layer('base', undefined, { f: 'x' });
        await driver.prepare('ctr', 'base');
        await driver.prepare('extract-0123456789ab-L2', 'base'); // an unpack cut off before its commit
        // A prepare cut off between its mkdir and the metadata's save: the next id's dir exists.
        const { nextId } = JSON.parse(readFileSync(join(root, 'metadata.json'), 'utf8')) as {
          nextId: number;
        };
        const orphan = join(root, 'snapshots', String(nextId));
        mkdirSync(join(orphan, 'fs'), { recursive: true });
        writeFileSync(join(orphan, 'fs', 'junk'), 'x');
        const links = join(root, 'l');
        if (existsSync(links)) symlinkSync(`../snapshots/${nextId}/fs`, join(links, 'DANGLING00'));

        const reopened = factory(root); // the daemon's next start
        expect(await removeInterruptedUnpacks(reopened)).toEqual(['extract-0123456789ab-L2']);
        await reopened.sweep();
        expect(existsSync(orphan)).toBe(false);
        if (existsSync(links)) expect(readdirSync(links)).not.toContain('DANGLING00');
        await expect(reopened.stat('extract-0123456789ab-L2')).rejects.toBeInstanceOf(NotFound);
        expect((await reopened.stat('ctr')).kind).toBe('active');
        const target = await mountAt(await reopened.prepare('ctr2', 'base')); // that id is free again
        expect(readFileSync(join(target, 'f'), 'utf8')).toBe('x');
        await release(target);
        driver = reopened;
      });

      it('refuses bad requests with NotFound, Conflict and InvalidArgument', async () => {
        await layer('base', undefined, { f: 'x' });
        await driver.prepare('ctr', 'base');
        await expect(driver.prepare('ctr', 'base')).rejects.toBeInstanceOf(Conflict);
        await expect(driver.prepare('x', 'missing')).rejects.toBeInstanceOf(NotFound);
        await expect(driver.prepare('x', 'ctr')).rejects.toBeInstanceOf(InvalidArgument);
        await expect(driver.commit('again', 'base')).rejects.toBeInstanceOf(InvalidArgument);
        await expect(driver.remove('base')).rejects.toBeInstanceOf(Conflict);
        await expect(driver.mounts('nope')).rejects.toBeInstanceOf(NotFound);
        const dir = await driver.layerDir('ctr');
        await driver.remove('ctr');
        await driver.remove('base');
        expect(existsSync(dir)).toBe(false);
        await expect(driver.stat('base')).rejects.toBeInstanceOf(NotFound);
      });
    },
  );
}

/** Removes every snapshot, children before parents (read-only btrfs subvolumes resist a plain rm). */
async function removeAll(driver: StorageDriver): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const all: SnapshotInfo[] = [];
    await driver.walk((info) => {
      all.push(info);
    });
    if (all.length === 0) return;
    const parents = new Set(all.map((info) => info.parent));
    for (const info of all) if (!parents.has(info.key)) await driver.remove(info.key);
  }
}
