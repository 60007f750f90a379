import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FixtureImage } from '../../fixtures/images/index.js';
import { chainIds } from '../../reference-engine/storage/chain-id.js';
import { type DriverName, openDriver } from '../../reference-engine/storage/drivers/open-driver.js';
import { mountAll, unmount } from '../../reference-engine/storage/mount.js';
import type { StorageDriver } from '../../reference-engine/storage/types.js';
import { unpackLayer } from '../../reference-engine/storage/unpack-layer.js';
import { copyUpImage, copyUpPath, layeredImage } from './images.js';
import { makeScratch, mountBtrfsLoop, type Scratch } from './scratch-dir.js';
import type { Contender, StorageOps, StorageProfile } from './types.js';
import { filesystemUsedBytes, treeBytes } from './usage.js';

export interface RefOpsOptions {
  readonly workDir: string;
  readonly profile: StorageProfile;
  readonly seed: number;
  readonly runId: string;
  /** Bytes of the btrfs loop file (ref-btrfs only). */
  readonly btrfsBytes: number;
}

/** Unpacks every layer of `image` as committed snapshots named by ChainID (shared ones once); returns the top. */
async function unpack(driver: StorageDriver, image: FixtureImage): Promise<string> {
  const ids = chainIds(image.layers.map((l) => l.diffId));
  let parent: string | undefined;
  for (const [i, layer] of image.layers.entries()) {
    const id = ids[i] as string;
    const exists = await driver.stat(id).then(
      () => true,
      () => false,
    );
    if (!exists) await unpackLayer(driver, id, parent, Readable.from([layer.tar]));
    parent = id;
  }
  return parent as string;
}

/**
 * StorageOps over a reference-engine StorageDriver in this process: create = `prepare` on the image's
 * top snapshot; writes go through the mounted snapshot (root) or straight into its layer dir (vfs
 * without root); commit = `commit` (a snapshot commit: the driver API has no diff-to-tar step).
 */
export function refOps(contender: Contender, name: DriverName, o: RefOpsOptions): StorageOps {
  let scratch: Scratch | undefined;
  let root = '';
  let driver: StorageDriver | undefined;
  const tops = new Map<number | 'copy-up', string>();
  const mounted = new Map<string, string>();
  const throughMount = process.getuid?.() === 0;
  let seq = 0;
  const d = () => {
    if (!driver) throw new Error(`${contender} is not open`);
    return driver;
  };
  const release = async (key: string) => {
    const target = mounted.get(key);
    if (target === undefined) return;
    mounted.delete(key);
    await unmount(target);
  };
  return {
    contender,
    async open() {
      scratch = await makeScratch(o.workDir, `storage-${contender}-`);
      const base = name === 'btrfs' ? await mountBtrfsLoop(scratch.dir, o.btrfsBytes) : scratch.dir;
      root = join(base, 'root');
      driver = openDriver(name, root);
      for (const l of o.profile.layers) tops.set(l, await unpack(driver, await layeredImage(l, o.runId)));
      tops.set('copy-up', await unpack(driver, await copyUpImage(o.profile.copyUpBytes, o.seed, o.runId)));
    },
    async create(layers) {
      const key = `c-${seq++}`;
      await d().prepare(key, tops.get(layers));
      return key;
    },
    remove: (key) => d().remove(key),
    async startWorker() {
      const key = `w-${seq++}`;
      const mounts = await d().prepare(key, tops.get('copy-up'));
      if (throughMount) {
        const target = join(scratch?.dir ?? '', 'mnt', key);
        mkdirSync(target, { recursive: true });
        await mountAll(mounts, target);
        mounted.set(key, target);
      }
      return key;
    },
    async append(key, bytes) {
      const dir = mounted.get(key) ?? (await d().layerDir(key));
      appendFileSync(join(dir, copyUpPath(bytes)), 'x');
    },
    async diffBytes(key) {
      await release(key);
      return (await d().usage(key)).size;
    },
    async commit(key) {
      const image = `img-${key}`;
      await d().commit(image, key);
      return image;
    },
    removeImage: (image) => d().remove(image),
    usage: async () => (name === 'btrfs' ? filesystemUsedBytes(root) : treeBytes(root)),
    async close() {
      for (const key of [...mounted.keys()]) await release(key).catch(() => undefined);
      driver = undefined;
      // Unmounts the btrfs loop file too; committed btrfs subvolumes go with it.
      await scratch?.dispose();
      scratch = undefined;
    },
  };
}
