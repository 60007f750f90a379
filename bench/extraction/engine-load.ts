import { readFile } from 'node:fs/promises';
import { ContainerdCtr } from '../../core/engines/containerd/client.js';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import {
  blobOf,
  buildImage,
  DEFAULT_PATH,
  dockerArchiveTar,
  type FixtureImage,
  normalizeRef,
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

/**
 * The engine's own load path for one image. Lifecycle: `load` (timed: the engine stores and unpacks
 * the layer) -> `unload` (untimed: removes the image so the next load unpacks again) -> `close`.
 */
export interface EngineLoader {
  load(ctx: IterationContext): Promise<void>;
  unload(): Promise<void>;
  close(): Promise<void>;
}

/** POST /images/load of a docker-archive, then DELETE /images/{ref}. */
export async function dockerLoader(engine: EngineDescription, image: FixtureImage, ref: string) {
  const docker = new DockerApiClient(engine, { timeoutMs: 600_000 });
  const archive = await dockerArchiveTar(image, { refs: [ref] });
  let loaded = ref;
  const loader: EngineLoader = {
    async load(ctx) {
      const r = await docker.images.load(archive, { signal: ctx.signal, timeoutMs: 600_000 });
      loaded = r.loaded.find((x) => !x.startsWith('sha256:')) ?? ref;
    },
    unload: async () => {
      await docker.images.remove(loaded, { force: true });
    },
    close: () => docker.close(),
  };
  return loader;
}

/** `ctr images import` (which unpacks into the snapshotter), then `ctr images rm --sync`. */
export async function containerdLoader(engine: EngineDescription, image: FixtureImage, ref: string) {
  const ctr = new ContainerdCtr(engine, { timeoutMs: 600_000 });
  const archive = await dockerArchiveTar(image, { refs: [ref] });
  const full = normalizeRef(ref);
  const baseName = full.slice(0, full.lastIndexOf(':'));
  const loader: EngineLoader = {
    async load() {
      await ctr.importImage(archive, { baseName });
    },
    unload: async () => {
      await ctr.removeImage(full);
    },
    close: async () => {},
  };
  return loader;
}
