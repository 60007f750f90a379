import { join } from 'node:path';
import { collectGarbage, type GarbageReport } from './content-store/collect-garbage.js';
import { type ByteSource, ContentStore } from './content-store/content-store.js';
import type { Filters } from './index/image-filters.js';
import { imageHistory } from './index/image-history.js';
import { ImageIndex } from './index/image-index.js';
import type { ImageRecord } from './index/image-record.js';
import { inspectImage } from './index/inspect-image.js';
import { listImages } from './index/list-images.js';
import { type ImagePruneResponse, pruneImages } from './index/prune-images.js';
import { type RemoveOptions, removeImage } from './index/remove-image.js';
import type { ContainersUsing, ImageStoreContext } from './index/store-context.js';
import type { LoadOptions, LoadResult } from './load/load-images.js';
import type { LoadProcess } from './load/load-process.js';
import { type SaveOptions, saveImages } from './save/save-images.js';

export interface ImageStoreOptions {
  /** The daemon's hook: which containers use an image (blocks rmi and prune). None by default. */
  containersUsing?: ContainersUsing;
  /**
   * Run each load's archive work (tar parsing, digesting, inflating, verifying) in this child process
   * (load-child.ts); the store only adopts the verified blobs and commits. In this process when absent.
   */
  loadProcess?: LoadProcess;
}

/**
 * The image store the daemon talks to: content store (ROOT/blobs, ROOT/ingest) plus the image index
 * (ROOT/images.json). Opening recovers from a crash: leftover ingest files and index temp files are
 * removed, and blobs no image references are collected.
 *
 *   const images = await ImageStore.open('/var/lib/shipd/images', { containersUsing });
 *   const { images: loaded } = await images.load(createReadStream('busybox.tar'));
 *   await images.tag(loaded[0].id, 'mine:1');
 *   images.list({ reference: ['mine:*'] });
 *   await images.remove('mine:1');                  // untags; deletes when it was the last reference
 *   images.save(['busybox']).pipe(res);            // docker-archive tar stream
 */
export class ImageStore implements ImageStoreContext {
  private constructor(
    readonly content: ContentStore,
    readonly index: ImageIndex,
    readonly containersUsing: ContainersUsing,
    private readonly loadProcess: LoadProcess | undefined,
  ) {}

  static async open(root: string, options: ImageStoreOptions = {}): Promise<ImageStore> {
    const content = await ContentStore.open(root);
    const index = await ImageIndex.open(join(root, 'images.json'));
    const store = new ImageStore(content, index, options.containersUsing ?? (() => []), options.loadProcess);
    await store.gc();
    return store;
  }

  resolve(ref: string): ImageRecord {
    return this.index.resolve(ref);
  }

  inspect(ref: string) {
    return inspectImage(this, ref);
  }

  history(ref: string) {
    return imageHistory(this, ref);
  }

  list(filters: Filters = {}) {
    return listImages(this, filters);
  }

  tag(source: string, target: string): Promise<ImageRecord> {
    return this.index.tag(source, target);
  }

  untag(ref: string): Promise<string> {
    return this.index.untag(ref);
  }

  async remove(ref: string, options: RemoveOptions = {}) {
    const records = await removeImage(this, ref, options);
    await this.gc();
    return records;
  }

  async prune(filters: Filters = {}): Promise<ImagePruneResponse> {
    const deleted = await pruneImages(this, filters);
    const { bytes } = await this.gc();
    return { ImagesDeleted: deleted, SpaceReclaimed: bytes };
  }

  async load(source: ByteSource, options: LoadOptions = {}): Promise<LoadResult> {
    if (this.loadProcess) {
      const { loadInChild } = await import('./load/load-in-child.js'); // loaded on first use
      return loadInChild(this, source, options, this.loadProcess);
    }
    const { loadImages } = await import('./load/load-images.js'); // the archive readers: loaded on first use
    return loadImages(this, source, options);
  }

  save(refs: readonly string[], options: SaveOptions = {}) {
    return saveImages(this, refs, options);
  }

  /** Delete every blob no image reaches (in-flight loads hold theirs by lease). */
  gc(): Promise<GarbageReport> {
    return this.index.exclusive(() => collectGarbage(this.content, this.index.roots()));
  }
}
