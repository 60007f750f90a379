import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { InvalidArgument } from '../../errors.js';
import type { ContentStore } from '../content-store/content-store.js';
import type { FoundLayer } from './build-record.js';

/**
 * Refuse a layer that is not a whole tar: a layer cut inside a file or a header is refused even when
 * its diff_id was computed over the cut bytes (dockerd refuses it when it unpacks on load). Each
 * distinct blob is read once; its entries are walked and their bytes discarded.
 */
export async function checkLayerTars(content: ContentStore, layers: readonly FoundLayer[]): Promise<void> {
  const seen = new Set<string>();
  for (const { path, blob } of layers) {
    if (seen.has(blob.digest)) continue;
    seen.add(blob.digest);
    const walker = extract();
    const walking = (async () => {
      for await (const entry of walker) entry.resume();
    })();
    const stages = blob.gzip
      ? [await content.read(blob.digest), createGunzip(), walker]
      : [await content.read(blob.digest), walker];
    try {
      await Promise.all([pipeline(stages), walking]);
    } catch (err) {
      walker.destroy();
      throw new InvalidArgument(`layer ${path} is not a whole tar: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
}
