import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarBuffer } from '../../../core/tar/index.js';
import { ImageStore, type ImageStoreOptions } from '../image-store.js';
import { type BuiltImage, chunksOf, dockerArchiveEntries } from './archive-builder.js';

/** A fresh ImageStore in a temp dir; `await using` removes the dir. */
export async function tempStore(options: ImageStoreOptions = {}) {
  const root = await mkdtemp(join(tmpdir(), 'image-store-'));
  const store = await ImageStore.open(root, options);
  return {
    root,
    store,
    /** Everything on disk that says what the store holds: blob names, index file, ingest leftovers. */
    snapshot: async () => ({
      blobs: (await readdir(join(root, 'blobs', 'sha256'))).sort(),
      ingest: await readdir(join(root, 'ingest')),
      index: JSON.stringify({ images: store.index.images(), tags: store.list() }),
    }),
    [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true }),
  };
}

/** Load built images into a store through a docker-archive, as `docker load` would. */
export async function loadInto(store: ImageStore, images: readonly BuiltImage[]): Promise<void> {
  await store.load(chunksOf(await tarBuffer(dockerArchiveEntries(images))));
}
