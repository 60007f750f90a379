import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import { ImageStore } from '../images/image-store.js';
import { OverlayDriver } from '../storage/drivers/overlay.js';
import { VfsDriver } from '../storage/drivers/vfs.js';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';
import { unpackImage } from '../storage/unpack-image.js';
import { commitContainer } from './commit-container.js';

const isRoot = process.getuid?.() === 0;
const DRIVERS: Array<[string, (root: string) => StorageDriver, string | undefined]> = [
  ['vfs', (root) => new VfsDriver(root), undefined],
  ['overlay', (root) => new OverlayDriver(root), isRoot ? undefined : 'overlay mounts need root'],
];

describe.each(DRIVERS)('commitContainer with %s', (name, factory, skip) => {
  let dir: string;
  const mounted: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `shipd-commit-${name}-`));
  });
  afterEach(async () => {
    for (const target of mounted.splice(0).reverse()) await unmount(target);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A directory showing snapshot `key`'s whole tree (mounted for overlay). */
  async function treeOf(
    driver: StorageDriver,
    key: string,
    mounts: Awaited<ReturnType<StorageDriver['mounts']>>,
  ) {
    if (driver.whiteouts !== 'overlay') return driver.layerDir(key);
    const target = mkdtempSync(join(dir, 'mnt-'));
    await mountAll(mounts, target);
    mounted.push(target);
    return target;
  }

  it.skipIf(skip !== undefined)(
    `commits added, modified, deleted and renamed entries as a new image that unpacks to the same tree${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const images = await ImageStore.open(join(dir, 'images'));
      const probe = (await fixtureImage('probe')) as FixtureImage;
      await images.load([await dockerArchiveTar(probe, { refs: ['probe:1'] })]);
      const driver = factory(join(dir, 'snap-a'));
      const { top } = await unpackImage(images, driver, 'probe:1');
      const rootfs = await treeOf(driver, 'ctr', await driver.prepare('ctr', top));
      writeFileSync(join(rootfs, 'added'), 'new file\n');
      writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:changed:/root:/bin/sh\n');
      unlinkSync(join(rootfs, 'etc/group'));
      renameSync(join(rootfs, 'home/shipper'), join(rootfs, 'home/renamed')); // a lower directory
      mkdirSync(join(rootfs, 'home/renamed/sub'));
      for (const target of mounted.splice(0)) await unmount(target);

      const result = await commitContainer(images, driver, {
        key: 'ctr',
        image: 'probe:1',
        tag: 'probe:committed',
        createdBy: 'test commit',
      });
      // vfs always diffs trees; overlay stores the renamed dir as a redirect, which the upper alone
      // cannot express, so it must have fallen back to diffing the mounted views.
      expect(result.method).toBe('tree-diff');
      const inspect = await images.inspect('probe:committed');
      expect(inspect.Id).toBe(result.id);
      expect(inspect.RootFS.Layers).toEqual([...probe.config.rootfs.diff_ids, result.diffId]);
      const history = await images.history('probe:committed');
      expect(history[0]?.CreatedBy).toBe('test commit');
      expect(history).toHaveLength(probe.config.history?.length ? probe.config.history.length + 1 : 3);

      const fresh = factory(join(dir, 'snap-b'));
      const unpacked = await unpackImage(images, fresh, 'probe:committed');
      expect(unpacked.layers.map((l) => l.diffId)).toEqual(inspect.RootFS.Layers);
      const view = await treeOf(fresh, 'check', await fresh.view('check', unpacked.top));
      expect(readFileSync(join(view, 'added'), 'utf8')).toBe('new file\n');
      expect(readFileSync(join(view, 'etc/passwd'), 'utf8')).toBe('root:x:0:0:changed:/root:/bin/sh\n');
      expect(existsSync(join(view, 'etc/group'))).toBe(false);
      expect(existsSync(join(view, 'home/shipper'))).toBe(false);
      expect(existsSync(join(view, 'home/renamed/sub'))).toBe(true);
      expect(existsSync(join(view, 'bin/probe'))).toBe(true);
    },
    60_000,
  );

  it.skipIf(skip !== undefined)('uses the overlay upper dir directly when nothing was renamed', async () => {
    if (name !== 'overlay') return;
    const images = await ImageStore.open(join(dir, 'images'));
    await images.load([await dockerArchiveTar(await fixtureImage('probe'), { refs: ['probe:1'] })]);
    const driver = factory(join(dir, 'snap-a'));
    const { top } = await unpackImage(images, driver, 'probe:1');
    const rootfs = await treeOf(driver, 'ctr', await driver.prepare('ctr', top));
    unlinkSync(join(rootfs, 'etc/group'));
    for (const target of mounted.splice(0)) await unmount(target);
    const result = await commitContainer(images, driver, { key: 'ctr', image: 'probe:1' });
    expect(result.method).toBe('overlay-upper');
    const fresh = factory(join(dir, 'snap-b'));
    const { top: newTop } = await unpackImage(images, fresh, result.id);
    const view = await treeOf(fresh, 'check', await fresh.view('check', newTop));
    expect(existsSync(join(view, 'etc/group'))).toBe(false);
    expect(existsSync(join(view, 'etc/passwd'))).toBe(true);
  });
});
