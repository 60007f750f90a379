import type { Platform } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ByteSource, ContentStore, Lease } from '../content-store/content-store.js';
import type { ImageIndex } from '../index/image-index.js';
import type { ImageRecord } from '../index/image-record.js';
import type { ImageStoreContext } from '../index/store-context.js';
import { familiar } from '../reference/parse-reference.js';
import { ArchiveFiles } from './archive-files.js';
import type { VerifiedImage } from './build-record.js';
import { verifyDockerArchive } from './docker-archive.js';
import { verifyOciLayout } from './oci-layout.js';
import { DEFAULT_PLATFORM } from './select-platform.js';

export interface LoadOptions {
  /** Which manifest of a multi-platform index to load; linux/amd64 by default. */
  platform?: Platform;
  /** Called with each Docker-style progress line (`Loaded image: busybox:latest`). */
  onProgress?: (message: string) => void;
}

export interface LoadResult {
  images: Array<{ id: string; tags: string[] }>;
  messages: string[];
}

/**
 * `docker load`: stream a docker-archive or OCI layout tar into the content store, verify every
 * image (digests, sizes, diff_ids), and only then commit all images and tags in one index update.
 * On any failure the index is untouched and blobs this load created are removed again.
 */
export function loadImages(
  ctx: ImageStoreContext,
  source: ByteSource,
  options: LoadOptions = {},
): Promise<LoadResult> {
  return underLease(ctx, async (lease) => {
    const images = await stageImages(ctx.content, source, lease, options.platform ?? DEFAULT_PLATFORM);
    return commitImages(ctx, images, options);
  });
}

/**
 * Reads the archive into `content` and verifies its images: what a load does before the index
 * changes. The load process runs this on a staging store (load-child.ts).
 */
export async function stageImages(
  content: ContentStore,
  source: ByteSource,
  lease: Lease,
  platform: Platform,
): Promise<VerifiedImage[]> {
  const files = new ArchiveFiles(content);
  await files.ingest(source, lease);
  return verifyArchive(content, files, lease, platform);
}

/**
 * Runs a load's `work` under one lease of the store; afterwards removes the blobs the lease created
 * that no image references (all of them when the load failed before its commit).
 */
export async function underLease<T>(ctx: ImageStoreContext, work: (lease: Lease) => Promise<T>): Promise<T> {
  const lease = ctx.content.lease();
  try {
    return await work(lease);
  } finally {
    lease.release();
    const referenced = (digest: string) => referencedBlobs(ctx.index).has(digest);
    for (const digest of lease.created) await ctx.content.delete(digest, referenced);
  }
}

/** Commits verified images and their tags in one index update; the load's result and progress lines. */
export async function commitImages(
  ctx: ImageStoreContext,
  images: readonly VerifiedImage[],
  options: LoadOptions,
): Promise<LoadResult> {
  const messages = await commit(ctx.index, images);
  for (const message of messages) options.onProgress?.(message);
  return {
    images: images.map(({ record, tags }) => ({ id: record.id, tags: tags.map(familiar) })),
    messages,
  };
}

async function verifyArchive(
  content: ContentStore,
  files: ArchiveFiles,
  lease: Lease,
  platform: Platform,
): Promise<VerifiedImage[]> {
  let images: VerifiedImage[];
  if (files.has('manifest.json')) images = await verifyDockerArchive(content, files, lease);
  else if (files.has('oci-layout')) images = await verifyOciLayout(content, files, platform);
  else
    throw new InvalidArgument(
      'the archive has neither manifest.json (docker-archive) nor oci-layout (OCI layout)',
    );
  if (images.length === 0) throw new InvalidArgument('the archive holds no images');
  return images;
}

/** Add all images and move their tags in one atomic index update; returns Docker's progress lines. */
function commit(index: ImageIndex, images: readonly VerifiedImage[]): Promise<string[]> {
  const now = new Date().toISOString();
  return index.update((draft) => {
    const messages: string[] = [];
    for (const { record, tags } of images) {
      const previous = draft.images[record.id];
      const stored = { ...record, ...(previous?.lastTagTime && { lastTagTime: previous.lastTagTime }) };
      draft.images[record.id] = stored;
      for (const tag of tags) {
        const old = draft.tags[tag];
        if (old !== undefined && old !== record.id) {
          messages.push(
            `The image ${familiar(tag)} already exists, renaming the old one with ID ${old} to empty string`,
          );
        }
        draft.tags[tag] = record.id;
        stored.lastTagTime = now;
        messages.push(`Loaded image: ${familiar(tag)}`);
      }
      if (tags.length === 0) messages.push(`Loaded image ID: ${record.id}`);
    }
    return messages;
  });
}

/** Every blob an image in the index needs: manifest, config, layers. */
export function referencedBlobs(index: ImageIndex): Set<string> {
  return blobsOf(index.images());
}

/** The blobs these image records need: manifest, config, layers. */
export function blobsOf(records: Iterable<ImageRecord>): Set<string> {
  const blobs = new Set<string>();
  for (const image of records) {
    blobs.add(image.manifest.digest);
    blobs.add(image.id);
    for (const layer of image.layers) blobs.add(layer.digest);
  }
  return blobs;
}
