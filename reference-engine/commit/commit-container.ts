import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { MediaType } from '../../spec/oci-image/media-types.js';
import type { ImageConfig, ImageManifest } from '../../spec/oci-image/types.js';
import { NotImplemented } from '../errors.js';
import type { IngestResult, Lease } from '../images/content-store/content-store.js';
import type { ImageRecord } from '../images/index/image-record.js';
import { readConfig } from '../images/index/read-config.js';
import type { ImageStoreContext } from '../images/index/store-context.js';
import { parseTagged } from '../images/reference/parse-reference.js';
import type { StorageDriver } from '../storage/types.js';
import { containerDiff } from './container-diff.js';

export interface CommitOptions {
  /** The container's active snapshot. */
  key: string;
  /** The image the container was made from (any reference the index resolves). */
  image: string;
  /** `name[:tag]` for the new image; untagged when absent. */
  tag?: string;
  /** The history entry's created_by (Docker puts the container's command here). */
  createdBy?: string;
  comment?: string;
  author?: string;
  /** Config changes for the new image (Docker's `commit --change` result), merged over the parent's. */
  config?: ImageConfig['config'];
}

export interface CommitResult {
  id: string;
  diffId: string;
  layer: { digest: string; size: number };
  method: 'overlay-upper' | 'tree-diff';
}

/**
 * `docker commit`: the container's changes become one gzip layer on top of its image. Steps: diff the
 * snapshot (overlay upper, or a tree diff when the upper holds a renamed lower dir), gzip into the
 * content store, write config (parent config + diff_id + history) and manifest, add the image and tag
 * it in one index update. A lease holds the new blobs until the index references them.
 */
export async function commitContainer(
  ctx: ImageStoreContext,
  driver: StorageDriver,
  options: CommitOptions,
): Promise<CommitResult> {
  const parent = ctx.index.resolve(options.image);
  const lease = ctx.content.lease();
  try {
    const { blob, method } = await ingestDiff(ctx, driver, options.key, lease);
    const created = new Date().toISOString();
    const config = childConfig(await readConfig(ctx, parent), blob.uncompressed.digest, created, options);
    const configBlob = await ctx.content.put(Buffer.from(JSON.stringify(config)), { lease });
    const manifest = await writeManifest(ctx, parent, configBlob, blob, lease);
    const record: ImageRecord = {
      id: configBlob.digest,
      manifest,
      layers: [
        ...parent.layers,
        { digest: blob.digest, diffId: blob.uncompressed.digest, size: blob.uncompressed.size },
      ],
      created,
      labels: config.config?.Labels ?? {},
    };
    const tag = options.tag === undefined ? undefined : parseTagged(options.tag);
    await ctx.index.update((draft) => {
      draft.images[record.id] = { ...record, ...(tag && { lastTagTime: created }) };
      if (tag) draft.tags[tag] = record.id;
    });
    return {
      id: record.id,
      diffId: blob.uncompressed.digest,
      layer: { digest: blob.digest, size: blob.size },
      method,
    };
  } finally {
    lease.release();
  }
}

/** Gzip the container diff into the content store; an overlay redirect falls back to the merged-view diff. */
async function ingestDiff(ctx: ImageStoreContext, driver: StorageDriver, key: string, lease: Lease) {
  try {
    return await ingestOnce(ctx, driver, key, lease, false);
  } catch (err) {
    if (!(err instanceof NotImplemented)) throw err;
    return ingestOnce(ctx, driver, key, lease, true);
  }
}

async function ingestOnce(
  ctx: ImageStoreContext,
  driver: StorageDriver,
  key: string,
  lease: Lease,
  mergedView: boolean,
) {
  const diff = await containerDiff(driver, key, { mergedView });
  try {
    const gzip = createGzip();
    const piping = pipeline(diff.tar, gzip).catch(() => undefined);
    const blob = await ctx.content.ingest(gzip, { lease });
    await piping;
    return { blob, method: diff.method };
  } finally {
    await diff.release();
  }
}

function childConfig(
  parent: ImageConfig,
  diffId: string,
  created: string,
  options: CommitOptions,
): ImageConfig {
  const history = [
    ...(parent.history ?? []),
    { created, created_by: options.createdBy ?? '', ...(options.comment && { comment: options.comment }) },
  ];
  return {
    ...parent,
    created,
    ...(options.author !== undefined && { author: options.author }),
    ...(options.comment !== undefined && { comment: options.comment }),
    ...(options.config && { config: { ...parent.config, ...options.config } }),
    rootfs: { type: 'layers', diff_ids: [...parent.rootfs.diff_ids, diffId] },
    history,
  };
}

async function writeManifest(
  ctx: ImageStoreContext,
  parent: ImageRecord,
  config: IngestResult,
  layer: IngestResult,
  lease: Lease,
) {
  const old = JSON.parse(
    (await ctx.content.readBytes(parent.manifest.digest)).toString('utf8'),
  ) as ImageManifest;
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: config.digest, size: config.size },
    layers: [...old.layers, { mediaType: MediaType.ociLayerGzip, digest: layer.digest, size: layer.size }],
  };
  const stored = await ctx.content.put(Buffer.from(JSON.stringify(manifest)), { lease });
  return { mediaType: MediaType.ociManifest, digest: stored.digest, size: stored.size };
}
