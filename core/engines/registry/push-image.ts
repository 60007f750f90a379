import type { RegistryClient } from './client.js';
import { digestOf } from './digest.js';
import type { ImageContent } from './test-image.js';

export type BlobUploadMethod = 'monolithic' | 'post-put' | 'chunked';

export interface PushImageOptions {
  /** Push the manifest by this tag; without one, by digest. */
  readonly tag?: string;
  readonly upload?: BlobUploadMethod;
  /** For 'chunked' (default 1024). */
  readonly chunkSize?: number;
}

export interface PushedImage {
  readonly name: string;
  readonly digest: string;
  readonly location: string;
  /** Digests of blobs actually uploaded (blobs the registry already had are skipped). */
  readonly uploaded: readonly string[];
}

/** Push every blob the registry lacks, then the manifest; the steps a client takes for an image push. */
export async function pushImage(
  client: RegistryClient,
  name: string,
  image: Pick<ImageContent, 'blobs' | 'manifest' | 'mediaType'>,
  opts: PushImageOptions = {},
): Promise<PushedImage> {
  const uploaded: string[] = [];
  for (const [digest, bytes] of image.blobs) {
    if (await client.blobs.exists(name, digest)) continue;
    if (opts.upload === 'chunked')
      await client.uploads.pushChunked(name, bytes, opts.chunkSize ?? 1024, digest);
    else if (opts.upload === 'post-put') await client.uploads.pushPostPut(name, bytes, digest);
    else await client.uploads.pushMonolithic(name, bytes, digest);
    uploaded.push(digest);
  }
  const reference = opts.tag ?? digestOf(image.manifest);
  const pushed = await client.manifests.put(name, reference, image.manifest, { mediaType: image.mediaType });
  return { name, digest: pushed.digest, location: pushed.location, uploaded };
}
