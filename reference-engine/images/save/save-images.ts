import type { Readable } from 'node:stream';
import { Annotation, MediaType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor, ImageManifest } from '../../../spec/oci-image/types.js';
import { hexOf } from '../content-store/digest.js';
import type { ImageStoreContext } from '../index/store-context.js';
import { familiar } from '../reference/parse-reference.js';
import { type SaveSelection, selectImages } from './select-images.js';
import { TarWriter } from './tar-writer.js';

export type SaveFormat = 'docker-archive' | 'oci-layout';

export interface SaveOptions {
  /** docker-archive (what `docker save` writes, the default) or an OCI image layout. */
  format?: SaveFormat;
}

/**
 * `docker save`: a tar stream of the images `refs` name. References are resolved before the stream
 * starts (NotFound is thrown, not streamed); `loadImages` reads either format back to the same ids.
 */
export function saveImages(
  ctx: ImageStoreContext,
  refs: readonly string[],
  options: SaveOptions = {},
): Readable {
  const selection = selectImages(ctx.index, refs);
  const tar = new TarWriter(ctx.content);
  const format = options.format ?? 'docker-archive';
  return tar.run((writer) =>
    format === 'oci-layout' ? writeOciLayout(ctx, writer, selection) : writeDockerArchive(writer, selection),
  );
}

async function writeDockerArchive(tar: TarWriter, selection: SaveSelection[]) {
  const manifest = [];
  for (const { image, tags } of selection) {
    const config = `${hexOf(image.id)}.json`;
    await tar.blob(config, image.id);
    const layers = image.layers.map((layer) => `${hexOf(layer.digest)}/layer.tar`);
    for (const [i, layer] of image.layers.entries()) await tar.blob(layers[i] ?? '', layer.digest);
    manifest.push({ Config: config, RepoTags: tags.length > 0 ? tags.map(familiar) : null, Layers: layers });
  }
  await tar.file('manifest.json', JSON.stringify(manifest));
}

async function writeOciLayout(ctx: ImageStoreContext, tar: TarWriter, selection: SaveSelection[]) {
  await tar.file('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const manifests: Descriptor[] = [];
  for (const { image, tags } of selection) {
    const manifest = JSON.parse(
      (await ctx.content.readBytes(image.manifest.digest)).toString('utf8'),
    ) as ImageManifest;
    for (const desc of [image.manifest, manifest.config, ...manifest.layers]) {
      await tar.blob(`blobs/sha256/${hexOf(desc.digest)}`, desc.digest);
    }
    const entry = {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.size,
    };
    if (tags.length === 0) manifests.push(entry);
    for (const tag of tags) {
      const annotations = {
        [Annotation.containerdName]: tag,
        [Annotation.refName]: tag.slice(tag.lastIndexOf(':') + 1),
      };
      manifests.push({ ...entry, annotations });
    }
  }
  await tar.file(
    'index.json',
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }),
  );
}
