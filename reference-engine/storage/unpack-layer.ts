import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ApplyResult } from '../layers/apply-layer.js';
import type { StorageDriver } from './types.js';

/** The key prefix of a layer being unpacked: such a snapshot never outlives its unpack. */
const EXTRACT_PREFIX = 'extract-';

/** Removes the snapshots of unpacks a crash cut off; for the root's owner at open (before any unpack). */
export async function removeInterruptedUnpacks(driver: StorageDriver): Promise<string[]> {
  const keys: string[] = [];
  await driver.walk((info) => {
    if (info.key.startsWith(EXTRACT_PREFIX) && info.kind === 'active') keys.push(info.key);
  });
  for (const key of keys) await driver.remove(key);
  return keys;
}

/**
 * Unpacks one layer blob as committed snapshot `name` on top of `parent`: prepare → apply straight into
 * the snapshot's layer dir (no mount needed) → commit. On failure the half-made snapshot is removed.
 */
export async function unpackLayer(
  driver: StorageDriver,
  name: string,
  parent: string | undefined,
  blob: Readable,
): Promise<ApplyResult> {
  const key = `${EXTRACT_PREFIX}${randomBytes(6).toString('hex')}-${name}`;
  await driver.prepare(key, parent);
  try {
    const { applyLayer } = await import('../layers/apply-layer.js'); // only when a layer is new here
    const result = await applyLayer(await driver.layerDir(key), blob, { whiteouts: driver.whiteouts });
    await driver.commit(name, key);
    return result;
  } catch (err) {
    await driver.remove(key);
    throw err;
  }
}
