import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { ImageConfig, ImageManifest } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ImageStore } from '../../images/image-store.js';
import type { ImageRecord } from '../../images/index/image-record.js';
import { parseTagged } from '../../images/reference/parse-reference.js';
import { decompressed } from '../../layers/decompress.js';
import { applyChanges, type ChangedConfig } from './parse-changes.js';

export interface ImportOptions {
  /** `repo[:tag]`; untagged when absent. */
  ref?: string;
  message?: string;
  changes?: readonly string[];
  architecture: string;
}

/**
 * `docker import`: a root filesystem tar (plain, gzip or zstd) becomes a one-layer image. The tar is
 * checked entry by entry while it is stored (uncompressed, so its digest is its diff_id); then config,
 * manifest and tag go in with one index update. A body that is not a tar stores nothing.
 */
export async function importRootfs(
  images: ImageStore,
  body: Readable,
  options: ImportOptions,
): Promise<string> {
  const lease = images.content.lease();
  try {
    const { tar } = await decompressed(body);
    const layer = await images.content.ingest(checkedTar(tar), { lease });
    if (layer.size === 0) throw new InvalidArgument('the body is empty: expected a root filesystem tar');
    const created = new Date().toISOString();
    const config: ImageConfig = {
      created,
      architecture: options.architecture,
      os: 'linux',
      config: applyChanges({}, options.changes ?? []) as ChangedConfig as ImageConfig['config'],
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
      history: [{ created, comment: options.message || 'Imported from -' }],
      ...(options.message && { comment: options.message }),
    };
    const configBlob = await images.content.put(Buffer.from(JSON.stringify(config)), { lease });
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: configBlob.digest, size: configBlob.size },
      layers: [{ mediaType: MediaType.ociLayer, digest: layer.digest, size: layer.size }],
    };
    const stored = await images.content.put(Buffer.from(JSON.stringify(manifest)), { lease });
    const record: ImageRecord = {
      id: configBlob.digest,
      manifest: { mediaType: MediaType.ociManifest, digest: stored.digest, size: stored.size },
      layers: [{ digest: layer.digest, diffId: layer.digest, size: layer.size }],
      created,
      labels: (config.config?.Labels as Record<string, string> | undefined) ?? {},
    };
    const tag = options.ref ? parseTagged(options.ref) : undefined;
    await images.index.update((draft) => {
      draft.images[record.id] = { ...record, ...(tag && { lastTagTime: created }) };
      if (tag) draft.tags[tag] = record.id;
    });
    return record.id;
  } finally {
    lease.release();
  }
}

/** Passes the tar through while a tar parser reads it alongside: a malformed archive is an error. */
async function* checkedTar(tar: Readable): AsyncGenerator<Buffer> {
  const parser = extract();
  let failure: Error | undefined;
  parser.on('entry', (_header, stream, next) => {
    stream.on('end', next);
    stream.resume();
  });
  parser.on('error', (err) => {
    failure = err;
  });
  const finished = once(parser, 'finish').catch(() => undefined);
  for await (const chunk of tar) {
    if (failure) break;
    if (!parser.write(chunk))
      await Promise.race([once(parser, 'drain'), once(parser, 'error')]).catch(() => undefined);
    yield chunk as Buffer;
  }
  if (!failure) {
    parser.end(Buffer.alloc(0));
    await Promise.race([finished, once(parser, 'error').catch(() => undefined)]);
  }
  if (failure) throw new InvalidArgument(`the body is not a tar archive: ${failure.message}`);
}
