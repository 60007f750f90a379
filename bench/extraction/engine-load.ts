import { readFile } from 'node:fs/promises';
import type { ContainerEngine } from '../../core/engines/container-engine/types.js';
import {
  blobOf,
  buildImage,
  DEFAULT_PATH,
  dockerArchiveTar,
  type FixtureImage,
  sha256Digest,
} from '../../fixtures/images/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import type { IterationContext } from '../runner/types.js';

/** An image whose only layer is the corpus tar (uncompressed, as `docker save` writes layers). */
export async function corpusImage(tarPath: string, name: string): Promise<FixtureImage> {
  const tar = await readFile(tarPath);
  const layer = { tar, diffId: sha256Digest(tar), blob: blobOf(MediaType.ociLayer, tar), createdBy: name };
  return buildImage({ name, layers: [layer], config: { Env: [DEFAULT_PATH] } });
}

/** The part of a ContainerEngine the load benchmark drives. */
export type LoadParts = Pick<ContainerEngine, 'load' | 'removeImage' | 'close'>;

/**
 * The engine's own load path for one image. Lifecycle: `load` (timed: the engine stores and unpacks
 * the layer) -> `unload` (untimed: removes the image so the next load unpacks again) -> `close`.
 */
export interface EngineLoader {
  load(ctx: IterationContext): Promise<void>;
  unload(): Promise<void>;
  close(): Promise<void>;
}

/** Loads the docker-archive of `image` (POST /images/load, `ctr images import`), then removes it again. */
export async function engineLoader(
  engine: LoadParts,
  image: FixtureImage,
  ref: string,
): Promise<EngineLoader> {
  const archive = await dockerArchiveTar(image, { refs: [ref] });
  let loaded = ref;
  return {
    async load(ctx) {
      const r = await engine.load(archive, { ref, signal: ctx.signal, timeoutMs: 600_000 });
      loaded = r.images[0] ?? ref;
    },
    unload: async () => {
      await engine.removeImage(loaded, { force: true });
    },
    close: () => engine.close(),
  };
}
