import type { ContentStore } from '../content-store/content-store.js';
import type { ImageIndex } from './image-index.js';

/** A container that uses an image: the daemon reports these so removal and prune respect them. */
export interface ContainerUse {
  id: string;
  running: boolean;
}

/** Hook the daemon installs later; until then no image is in use. */
export type ContainersUsing = (imageId: string) => readonly ContainerUse[] | Promise<readonly ContainerUse[]>;

/** What the image operations (remove, prune, list, load, save, ...) work on. */
export interface ImageStoreContext {
  readonly content: ContentStore;
  readonly index: ImageIndex;
  readonly containersUsing: ContainersUsing;
}
