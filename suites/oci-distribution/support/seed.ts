import {
  buildTestImage,
  buildTestIndex,
  type ImageContent,
  pushImage,
  type RegistryClient,
} from '../../../core/engines/registry/index.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import type { Ledger } from './ledger.js';

/** The content every file starts from: one image in OCI and Docker schema2 form and an index over both. */
export interface Seed {
  readonly repo: string;
  readonly oci: ImageContent;
  readonly docker: ImageContent;
  readonly index: { readonly bytes: Buffer; readonly digest: string };
  /** Tags pushed: 'oci', 'docker', 'index'. */
  readonly tags: { readonly oci: string; readonly docker: string; readonly index: string };
}

/** The seed's bytes: deterministic for a given repository name (salted with it, so no two files share blobs). */
export function buildSeed(repo: string): Omit<Seed, 'tags'> {
  const layers = [
    `${'0123456789abcdef'.repeat(4)}\nshipshape conformance layer one of ${repo}\n`,
    `shipshape conformance layer two of ${repo}\n${'zyxwvutsrqponmlk'.repeat(3)}\n`,
  ];
  const oci = buildTestImage({ layers, annotations: { 'org.shipshape.seed': 'oci' } });
  const docker = buildTestImage({ layers, format: 'docker' });
  const index = buildTestIndex([
    { mediaType: oci.mediaType, digest: oci.digest, size: oci.manifest.length },
    { mediaType: docker.mediaType, digest: docker.digest, size: docker.manifest.length },
  ]);
  return { repo, oci, docker, index };
}

/** Push the seed (blobs by POST then PUT, manifests by tag) and record it in the ledger. */
export async function pushSeed(client: RegistryClient, repo: string, ledger: Ledger): Promise<Seed> {
  const seed = { ...buildSeed(repo), tags: { oci: 'oci', docker: 'docker', index: 'index' } };
  for (const image of [seed.oci, seed.docker]) {
    for (const digest of image.blobs.keys()) ledger.blob(repo, digest);
    ledger.manifest(repo, image.digest);
  }
  await pushImage(client, repo, seed.oci, { tag: seed.tags.oci, upload: 'post-put' });
  await pushImage(client, repo, seed.docker, { tag: seed.tags.docker, upload: 'post-put' });
  ledger.manifest(repo, seed.index.digest);
  await client.manifests.put(repo, seed.tags.index, seed.index.bytes, { mediaType: MediaType.ociIndex });
  return seed;
}
