import { randomBytes } from 'node:crypto';
import {
  buildTestImage,
  type ImageContent,
  type RawResponse,
  type TestImageOptions,
} from '../../../core/engines/registry/index.js';
import type { RegistryEnv } from './registry-env.js';

/** A small image whose layer is unique to this call (so tests never share blobs). */
export function freshImage(label: string, opts: Omit<TestImageOptions, 'layers'> = {}): ImageContent {
  return buildTestImage({ ...opts, layers: [`shipshape ${label} ${randomBytes(8).toString('hex')}\n`] });
}

/** Upload every blob of `image` into `repo` (POST then PUT) and record them for cleanup. */
export async function pushBlobsOf(
  env: RegistryEnv,
  repo: string,
  image: Pick<ImageContent, 'blobs'>,
): Promise<void> {
  for (const [digest, bytes] of image.blobs) {
    env.ledger.blob(repo, digest);
    await env.client.uploads.pushPostPut(repo, bytes, digest);
  }
}

/** PUT manifest bytes by tag or digest with Content-Type `mediaType`; records the digest for cleanup. */
export function putManifest(
  env: RegistryEnv,
  repo: string,
  reference: string,
  bytes: Buffer,
  mediaType: string,
  query: Record<string, string | string[]> = {},
): Promise<RawResponse> {
  return env.client.raw('PUT', `/v2/${repo}/manifests/${reference}`, {
    body: bytes,
    headers: { 'content-type': mediaType },
    query,
  });
}

/** Push blobs and manifest of `image` under `reference`; returns the manifest PUT answer. */
export async function pushWhole(
  env: RegistryEnv,
  repo: string,
  image: ImageContent,
  reference: string,
): Promise<RawResponse> {
  await pushBlobsOf(env, repo, image);
  env.ledger.manifest(repo, image.digest);
  return putManifest(env, repo, reference, image.manifest, image.mediaType);
}
