import { InvalidArgument, NotFound } from '../errors.js';
import type { ImageStoreContext } from '../images/index/store-context.js';
import { chainIds } from './chain-id.js';
import type { StorageDriver } from './types.js';
import { unpackLayer } from './unpack-layer.js';

export interface UnpackResult {
  /** The committed snapshot of the whole image (its top layer's ChainID); absent for an image with no layers. */
  top: string | undefined;
  layers: Array<{ chainId: string; diffId: string; unpacked: boolean }>;
}

/**
 * Unpacks the image `ref` into `driver` as committed snapshots named by ChainID, reusing the ones that
 * already exist. Each applied layer must hash to its diff_id; a mismatch removes that snapshot again.
 */
export async function unpackImage(
  images: ImageStoreContext,
  driver: StorageDriver,
  ref: string,
): Promise<UnpackResult> {
  const image = images.index.resolve(ref);
  const ids = chainIds(image.layers.map((layer) => layer.diffId));
  const layers: UnpackResult['layers'] = [];
  let parent: string | undefined;
  for (const [i, layer] of image.layers.entries()) {
    const chainId = ids[i] as string;
    const exists = await driver.stat(chainId).then(
      () => true,
      (err: unknown) => (err instanceof NotFound ? false : Promise.reject(err)),
    );
    if (!exists) {
      const result = await unpackLayer(driver, chainId, parent, await images.content.read(layer.digest));
      if (result.diffId !== layer.diffId) {
        await driver.remove(chainId);
        throw new InvalidArgument(
          `layer ${layer.digest} unpacked to ${result.diffId}, but the image expects diff_id ${layer.diffId}`,
        );
      }
    }
    layers.push({ chainId, diffId: layer.diffId, unpacked: !exists });
    parent = chainId;
  }
  return { top: parent, layers };
}
