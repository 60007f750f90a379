import type { Descriptor } from '../../../spec/oci-image/types.js';

/** One layer as the index remembers it: the stored blob, its diff_id and its uncompressed size. */
export interface LayerRecord {
  digest: string;
  diffId: string;
  size: number;
}

/** What the index keeps per image; the config and manifest themselves live in the content store. */
export interface ImageRecord {
  /** The config digest, Docker's image ID. */
  id: string;
  /** The stored manifest: the garbage collector's root for this image. */
  manifest: Descriptor;
  layers: LayerRecord[];
  /** From the config (`created`), ISO 8601; empty when the config has none. */
  created: string;
  labels: Record<string, string>;
  /** When a tag last moved onto this image (Docker's Metadata.LastTagTime). */
  lastTagTime?: string;
}

/** The whole persisted index: images by id, normalised `name:tag` and `name@digest` references. */
export interface IndexState {
  version: 1;
  images: Record<string, ImageRecord>;
  tags: Record<string, string>;
  digests: Record<string, string>;
}

export const emptyState = (): IndexState => ({ version: 1, images: {}, tags: {}, digests: {} });
