import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { diffOverlayUpper } from '../layers/diff-overlay.js';
import { diffTrees } from '../layers/diff-trees.js';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';

/** A tar of a container's changes and how it was made; `release()` undoes what producing it needed. */
export interface ContainerDiff {
  tar: Readable;
  method: 'overlay-upper' | 'tree-diff';
  release(): Promise<void>;
}

/**
 * The changes of active snapshot `key` against its parent. Overlay: the upper dir alone
 * (diffOverlayUpper). Otherwise, or when `mergedView` is asked for (overlay with a renamed lower dir):
 * diffTrees of a read-only view of the parent against the container's tree; for overlay both are
 * mounted under a temp dir first (root only).
 */
export async function containerDiff(
  driver: StorageDriver,
  key: string,
  options: { mergedView?: boolean } = {},
): Promise<ContainerDiff> {
  const { parent } = await driver.stat(key);
  if (driver.whiteouts === 'overlay' && !options.mergedView) {
    return {
      tar: diffOverlayUpper(await driver.layerDir(key)),
      method: 'overlay-upper',
      release: async () => {},
    };
  }
  const work = mkdtempSync(join(tmpdir(), 'shipd-commit-'));
  const viewKey = `commit-view-${process.pid}-${Date.now()}-${key}`;
  const mounted: string[] = [];
  let viewMade = false;
  const release = async () => {
    for (const target of mounted.splice(0).reverse()) await unmount(target);
    if (viewMade) await driver.remove(viewKey);
    viewMade = false;
    rmSync(work, { recursive: true, force: true });
  };
  try {
    let lower = join(work, 'empty');
    let upper = await driver.layerDir(key);
    if (parent !== undefined) {
      const viewMounts = await driver.view(viewKey, parent);
      viewMade = true;
      lower = await driver.layerDir(viewKey);
      if (driver.whiteouts === 'overlay') lower = await mountAt(viewMounts, join(work, 'lower'), mounted);
    }
    if (driver.whiteouts === 'overlay')
      upper = await mountAt(await driver.mounts(key), join(work, 'upper'), mounted);
    if (parent === undefined) mkdirSync(lower);
    return { tar: diffTrees(lower, upper), method: 'tree-diff', release };
  } catch (err) {
    await release();
    throw err;
  }
}

async function mountAt(mounts: Parameters<typeof mountAll>[0], target: string, mounted: string[]) {
  mkdirSync(target);
  await mountAll(mounts, target);
  mounted.push(target);
  return target;
}
