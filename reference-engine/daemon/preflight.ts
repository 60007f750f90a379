import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument, NotImplemented } from '../errors.js';
import { mountAll, unmount } from '../storage/mount.js';
import type { StorageDriver } from '../storage/types.js';

/** shipd mounts filesystems and makes namespaces and cgroups: nothing works without root. */
export function requireRoot(uid = process.getuid?.()): void {
  if (uid !== 0) throw new InvalidArgument('must run as root: shipd mounts filesystems and runs containers');
}

/**
 * Proves the driver can mount here before anything is served: a committed base, an active snapshot on
 * it (for overlay: a real overlay with a lowerdir), mounted on a scratch dir and taken down again.
 */
export async function probeDriver(driver: StorageDriver, scratchParent: string): Promise<void> {
  const tag = `shipd-probe-${process.pid}`;
  const target = mkdtempSync(join(scratchParent, 'driver-probe-'));
  const made: string[] = [];
  let mounted = false;
  await removeLeftovers(driver);
  try {
    await driver.prepare(`${tag}-base-active`);
    await driver.commit(`${tag}-base`, `${tag}-base-active`);
    made.push(`${tag}-base`);
    const mounts = await driver.prepare(`${tag}-top`, `${tag}-base`);
    made.push(`${tag}-top`);
    await mountAll(mounts, target);
    mounted = true;
  } catch (err) {
    throw new NotImplemented(
      `the ${driver.name} storage driver cannot mount here: ${(err as Error).message}`,
      { cause: err },
    );
  } finally {
    if (mounted) await unmount(target);
    for (const key of made.reverse()) await driver.remove(key).catch(() => undefined);
    rmSync(target, { recursive: true, force: true });
  }
}

/** Probe snapshots a crash left behind (tops before their bases). */
async function removeLeftovers(driver: StorageDriver): Promise<void> {
  const keys: string[] = [];
  await driver.walk((info) => {
    if (info.key.startsWith('shipd-probe-')) keys.push(info.key);
  });
  keys.sort((a, b) => Number(b.endsWith('-top')) - Number(a.endsWith('-top')));
  for (const key of keys) await driver.remove(key).catch(() => undefined);
}
