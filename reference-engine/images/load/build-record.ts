import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor, ImageConfig, ImageManifest } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ContentStore, IngestResult, Lease } from '../content-store/content-store.js';
import type { ImageRecord, LayerRecord } from '../index/image-record.js';

/** An image a load verified: what the index will hold, and the `name:tag` references it brings. */
export interface VerifiedImage {
  record: ImageRecord;
  tags: string[];
}

/** A layer as found in the archive: where it was, and what ingesting it measured. */
export interface FoundLayer {
  path: string;
  blob: IngestResult;
}

/** Parse a config and check it describes the layers: count and each diff_id against the uncompressed digest. */
export function checkConfig(
  configBytes: Buffer,
  configName: string,
  layers: readonly FoundLayer[],
): ImageConfig {
  let config: ImageConfig;
  try {
    config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
  } catch (err) {
    throw new InvalidArgument(`config ${configName} is not valid JSON`, { cause: err });
  }
  const diffIds = config?.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || typeof config.os !== 'string' || typeof config.architecture !== 'string') {
    throw new InvalidArgument(`config ${configName} lacks rootfs.diff_ids, os or architecture`);
  }
  if (diffIds.length !== layers.length) {
    throw new InvalidArgument(
      `config ${configName} lists ${diffIds.length} diff_ids but the image has ${layers.length} layers`,
    );
  }
  layers.forEach((layer, i) => {
    if (layer.blob.uncompressed.digest !== diffIds[i]) {
      throw new InvalidArgument(
        `layer ${layer.path} content has digest ${layer.blob.uncompressed.digest} but config ${configName} expects diff_id ${diffIds[i]}`,
      );
    }
  });
  return config;
}

export function recordOf(
  id: string,
  manifest: Descriptor,
  config: ImageConfig,
  layers: readonly FoundLayer[],
): ImageRecord {
  const layerRecords: LayerRecord[] = layers.map((layer) => ({
    digest: layer.blob.digest,
    diffId: layer.blob.uncompressed.digest,
    size: layer.blob.uncompressed.size,
  }));
  return {
    id,
    manifest,
    layers: layerRecords,
    created: config.created ?? '',
    labels: config.config?.Labels ?? {},
  };
}

/** Write an OCI manifest for a config and layers that came without one (docker-archive). */
export async function storeManifest(
  content: ContentStore,
  config: IngestResult,
  layers: readonly FoundLayer[],
  lease: Lease,
): Promise<Descriptor> {
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: config.digest, size: config.size },
    layers: layers.map(({ blob }) => ({
      mediaType: blob.gzip ? MediaType.ociLayerGzip : MediaType.ociLayer,
      digest: blob.digest,
      size: blob.size,
    })),
  };
  const stored = await content.put(Buffer.from(JSON.stringify(manifest)), { lease });
  return { mediaType: MediaType.ociManifest, digest: stored.digest, size: stored.size };
}
