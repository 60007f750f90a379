import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OverlayDriver } from '../storage/drivers/overlay.js';
import { VfsDriver } from '../storage/drivers/vfs.js';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';
import { containerChanges } from './container-changes.js';

const isRoot = process.getuid?.() === 0;
const DRIVERS: Array<[string, (root: string) => StorageDriver, string | undefined]> = [
  ['vfs', (root) => new VfsDriver(root), undefined],
  ['overlay', (root) => new OverlayDriver(root), isRoot ? undefined : 'overlay mounts need root'],
];

describe.each(DRIVERS)('containerChanges with %s', (name, factory, skip) => {
  let dir = '';
  const mounted: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `shipd-changes-${name}-`));
  });
  afterEach(async () => {
    for (const target of mounted.splice(0).reverse()) await unmount(target);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The writable tree of snapshot `key` (mounted for overlay). */
  async function treeOf(driver: StorageDriver, key: string): Promise<string> {
    if (driver.whiteouts !== 'overlay') return driver.layerDir(key);
    const target = mkdtempSync(join(dir, 'mnt-'));
    await mountAll(await driver.mounts(key), target);
    mounted.push(target);
    return target;
  }

  it.skipIf(skip !== undefined)('classes added, modified and deleted paths against the image', async () => {
    const driver = factory(join(dir, 'snapshots'));
    await driver.prepare('base');
    const image = await driver.layerDir('base');
    for (const d of ['etc', 'bin', 'home/shipper', 'tmp']) mkdirSync(join(image, d), { recursive: true });
    writeFileSync(join(image, 'etc/passwd'), 'root\n');
    writeFileSync(join(image, 'bin/probe'), 'x');
    await driver.commit('image', 'base');
    await driver.prepare('c1', 'image');
    const tree = await treeOf(driver, 'c1');
    writeFileSync(join(tree, 'tmp/added.txt'), 'a');
    writeFileSync(join(tree, 'etc/passwd'), 'changed\n');
    rmSync(join(tree, 'home/shipper'), { recursive: true });
    // What dockerd keeps in an init layer is not the container's change.
    for (const d of ['proc', 'sys', 'dev']) mkdirSync(join(tree, d));
    writeFileSync(join(tree, 'etc/hostname'), 'c1\n');
    const changes = await containerChanges(driver, 'c1');
    expect(changes).toEqual(
      expect.arrayContaining([
        { Path: '/tmp/added.txt', Kind: 1 },
        { Path: '/etc/passwd', Kind: 0 },
        { Path: '/home/shipper', Kind: 2 },
      ]),
    );
    const paths = changes.map((c) => c.Path);
    for (const hidden of ['/bin/probe', '/proc', '/sys', '/dev', '/etc/hostname'])
      expect(paths).not.toContain(hidden);
    expect(paths).toEqual([...paths].sort());
  });

  it.skipIf(skip !== undefined)(
    'an untouched container has none, and a directory changed only by init files is left out',
    async () => {
      const driver = factory(join(dir, 'snapshots'));
      await driver.prepare('base');
      mkdirSync(join(await driver.layerDir('base'), 'etc'));
      await driver.commit('image', 'base');
      await driver.prepare('c1', 'image');
      expect(await containerChanges(driver, 'c1')).toEqual([]);
      const tree = await treeOf(driver, 'c1');
      writeFileSync(join(tree, 'etc/hosts'), '127.0.0.1 localhost\n');
      expect(await containerChanges(driver, 'c1')).toEqual([]);
    },
  );
});
