import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { extract } from 'tar-stream';
import { type ContainerDiff, containerDiff } from '../commit/container-diff.js';
import { NotFound, NotImplemented } from '../errors.js';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';
import { resolveTarget } from './resolve-target.js';

/** One ContainerChangeResponseItem: 0 modified, 1 added, 2 deleted. */
export interface Change {
  Path: string;
  Kind: 0 | 1 | 2;
}

const WHITEOUT = '.wh.';

/**
 * What dockerd keeps in a container's init layer, under its own changes: mount points and the files
 * it bind-mounts. shipd's containers make them in their own layer, so they are left out here, and so
 * is a directory changed only by them (`/etc` for /etc/hostname).
 */
const INIT_PATHS = new Set([
  '/.dockerenv',
  '/dev',
  '/dev/console',
  '/dev/pts',
  '/dev/shm',
  '/etc/hostname',
  '/etc/hosts',
  '/etc/mtab',
  '/etc/resolv.conf',
  '/proc',
  '/sys',
]);
const OPAQUE = '.wh..wh..opq';

/**
 * GET /containers/{id}/changes: the paths of the container's layer diff (commit/container-diff.ts),
 * each classed by the parent image: whited out = deleted, present in the image = modified, else added.
 * Sorted by path, as dockerd lists them.
 */
export async function containerChanges(driver: StorageDriver, key: string): Promise<Change[]> {
  const paths = await diffPaths(driver, key);
  if (paths.length === 0) return [];
  const { parent } = await driver.stat(key);
  const image = parent === undefined ? NO_IMAGE : await parentLookup(driver, key, parent);
  try {
    const changes = paths.map(
      ({ path, deleted }): Change => ({ Path: path, Kind: deleted ? 2 : image.exists(path) ? 0 : 1 }),
    );
    return withoutInitLayer(changes).sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  } finally {
    await image.release();
  }
}

function withoutInitLayer(changes: Change[]): Change[] {
  const isInit = (c: Change) => c.Kind !== 2 && INIT_PATHS.has(c.Path);
  const ancestors = (path: string, into: Set<string>) => {
    for (let p = posix.dirname(path); p !== '/'; p = posix.dirname(p)) into.add(p);
  };
  const underKept = new Set<string>();
  const underInit = new Set<string>();
  for (const c of changes) ancestors(c.Path, isInit(c) ? underInit : underKept);
  return changes.filter(
    (c) => !isInit(c) && !(c.Kind === 0 && underInit.has(c.Path) && !underKept.has(c.Path)),
  );
}

async function diffPaths(
  driver: StorageDriver,
  key: string,
): Promise<Array<{ path: string; deleted: boolean }>> {
  let diff: ContainerDiff;
  try {
    diff = await containerDiff(driver, key);
  } catch (err) {
    if (!(err instanceof NotImplemented)) throw err;
    diff = await containerDiff(driver, key, { mergedView: true });
  }
  const out: Array<{ path: string; deleted: boolean }> = [];
  try {
    const parser = extract();
    diff.tar.on('error', (err) => parser.destroy(err));
    diff.tar.pipe(parser);
    for await (const entry of parser) {
      entry.resume();
      const name = entry.header.name.replace(/\/+$/, '');
      const base = posix.basename(name);
      const dir = posix.dirname(`/${name}`);
      if (base === OPAQUE) continue;
      if (base.startsWith(WHITEOUT))
        out.push({ path: posix.join(dir, base.slice(WHITEOUT.length)), deleted: true });
      else out.push({ path: `/${name}`, deleted: false });
    }
  } finally {
    await diff.release();
  }
  return out;
}

interface Lookup {
  exists(path: string): boolean;
  release(): Promise<void>;
}

const NO_IMAGE: Lookup = { exists: () => false, release: async () => {} };

/** Whether a path exists in the parent image: a read-only view of it, looked up inside its root. */
async function parentLookup(driver: StorageDriver, key: string, parent: string): Promise<Lookup> {
  const work = mkdtempSync(join(tmpdir(), 'shipd-changes-'));
  const viewKey = `changes-view-${process.pid}-${Date.now()}-${key}`;
  let mounted: string | undefined;
  const release = async () => {
    if (mounted) await unmount(mounted);
    mounted = undefined;
    await driver.remove(viewKey).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const mounts = await driver.view(viewKey, parent);
    let root = await driver.layerDir(viewKey);
    if (driver.whiteouts === 'overlay') {
      root = join(work, 'lower');
      mkdirSync(root);
      await mountAll(mounts, root);
      mounted = root;
    }
    const lowerRoot = root;
    const exists = (path: string) => {
      try {
        resolveTarget(lowerRoot, path, () => new NotFound(path)).close();
        return true;
      } catch {
        return false;
      }
    };
    return { exists, release };
  } catch (err) {
    await release();
    throw err;
  }
}
