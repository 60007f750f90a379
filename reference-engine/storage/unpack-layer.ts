import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type ApplyResult, applyLayer } from '../layers/apply-layer.js';
import type { StorageDriver } from './types.js';

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
  const key = `extract-${randomBytes(6).toString('hex')}-${name}`;
  await driver.prepare(key, parent);
  try {
    const result = await applyLayer(await driver.layerDir(key), blob, { whiteouts: driver.whiteouts });
    await driver.commit(name, key);
    return result;
  } catch (err) {
    await driver.remove(key);
    throw err;
  }
}
