import { afterAll, describe, expect, it } from 'vitest';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { RegistryClient } from './client.js';
import { RegistryError } from './errors.js';
import { pushImage } from './push-image.js';
import { PushedContent, REGISTRY_URL, registryAnswers, uniqueRepo } from './real-registry.js';
import { buildTestImage, buildTestIndex, type ImageContent } from './test-image.js';

const available = await registryAnswers();
const client = new RegistryClient(REGISTRY_URL);
const pushed = new PushedContent(client);

afterAll(async () => {
  if (available) expect(await pushed.clean()).toEqual([]);
  await client.close();
});

async function push(name: string, image: ImageContent, tag?: string) {
  for (const digest of image.blobs.keys()) pushed.blob(name, digest);
  const result = await pushImage(client, name, image, tag === undefined ? {} : { tag });
  pushed.manifest(name, result.digest);
  return result;
}

describe.skipIf(!available)(`manifests on the real registry at ${REGISTRY_URL}`, () => {
  it('pushes by tag and pulls by tag and digest with HEAD and GET', async () => {
    const name = uniqueRepo('manifest');
    const image = buildTestImage({ layers: ['one\n', 'two\n'] });
    const result = await push(name, image, 'v1');
    expect(result.digest).toBe(image.digest);
    expect(result.location).toBe(`${REGISTRY_URL}/v2/${name}/manifests/${image.digest}`);
    expect(result.uploaded).toHaveLength(3);
    for (const reference of ['v1', image.digest]) {
      const head = await client.manifests.head(name, reference);
      expect(head).toEqual({
        status: 200,
        mediaType: MediaType.ociManifest,
        digest: image.digest,
        size: image.manifest.length,
      });
      const got = await client.manifests.get(name, reference);
      expect(got.bytes).toEqual(image.manifest);
      expect(got).toMatchObject({
        digest: image.digest,
        mediaType: MediaType.ociManifest,
        size: image.manifest.length,
      });
    }
  });

  it('pushes by digest (no tag appears) and verifies the returned Docker-Content-Digest', async () => {
    const name = uniqueRepo('bydigest');
    const image = buildTestImage({ layers: ['by digest\n'] });
    const result = await push(name, image);
    expect(result.digest).toBe(image.digest);
    expect(await client.manifests.exists(name, image.digest)).toBe(true);
    expect(await client.manifests.exists(name, 'latest')).toBe(false);
  });

  it('negotiates Docker schema2 and OCI index with Accept; 2.8 refuses a type not in Accept', async () => {
    const name = uniqueRepo('negotiate');
    const docker = buildTestImage({ format: 'docker', layers: ['docker\n'] });
    await push(name, docker, 'docker');
    const got = await client.manifests.get(name, 'docker', { accept: [MediaType.dockerManifest] });
    expect(got).toMatchObject({ mediaType: MediaType.dockerManifest, digest: docker.digest });

    const oci = buildTestImage({ layers: ['oci\n'] });
    await push(name, oci, 'oci');
    const index = buildTestIndex([
      { mediaType: MediaType.ociManifest, digest: oci.digest, size: oci.manifest.length },
    ]);
    const put = await client.manifests.put(name, 'index', index.bytes);
    pushed.manifest(name, put.digest);
    expect(put.digest).toBe(index.digest);
    const gotIndex = await client.manifests.get(name, 'index', { accept: [MediaType.ociIndex] });
    expect(gotIndex).toMatchObject({ mediaType: MediaType.ociIndex, digest: index.digest });

    // An OCI manifest asked for with a Docker-only Accept: 404 MANIFEST_UNKNOWN ("accept header does not support").
    const refused = await client.manifests
      .get(name, 'oci', { accept: [MediaType.dockerManifest] })
      .catch((e) => e);
    expect(refused).toMatchObject({ status: 404, codes: ['MANIFEST_UNKNOWN'] });
    // A Docker schema2 manifest asked for with an OCI-only Accept: 2.8 answers 400 MANIFEST_INVALID.
    const odd = await client.manifests
      .get(name, 'docker', { accept: [MediaType.ociManifest] })
      .catch((e) => e);
    expect(odd).toMatchObject({ status: 400, codes: ['MANIFEST_INVALID'] });
  });

  it('rejects a manifest with unknown blobs (MANIFEST_BLOB_UNKNOWN) and one that is not JSON (MANIFEST_INVALID)', async () => {
    const name = uniqueRepo('invalid');
    const image = buildTestImage({ layers: ['never uploaded\n'] });
    const unknown = await client.manifests.put(name, 'v1', image.manifest).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(RegistryError);
    expect(unknown).toMatchObject({ status: 400 });
    expect((unknown as RegistryError).codes).toEqual(['MANIFEST_BLOB_UNKNOWN', 'MANIFEST_BLOB_UNKNOWN']);
    const garbage = await client.manifests
      .put(name, 'v1', Buffer.from('{not json'), { mediaType: MediaType.ociManifest })
      .catch((e: unknown) => e);
    expect(garbage).toMatchObject({ status: 400, codes: ['MANIFEST_INVALID'] });
  });

  it('deletes a manifest by digest (202, then MANIFEST_UNKNOWN); 2.8 refuses delete by tag with 400', async () => {
    const name = uniqueRepo('delete');
    const image = buildTestImage({ layers: ['to delete\n'] });
    await push(name, image, 'v1');
    const byTag = await client.manifests.delete(name, 'v1').catch((e: unknown) => e);
    expect(byTag).toMatchObject({ status: 400, codes: ['DIGEST_INVALID'] });
    await client.manifests.delete(name, image.digest);
    const gone = await client.manifests.get(name, image.digest).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, codes: ['MANIFEST_UNKNOWN'] });
    expect(await client.manifests.exists(name, 'v1')).toBe(false);
  });

  it('reports the referrers API as unsupported on 2.8 (plain-text 404)', async () => {
    const name = uniqueRepo('referrers');
    const image = buildTestImage({ layers: ['subject\n'] });
    await push(name, image, 'v1');
    const result = await client.referrers.list(name, image.digest);
    expect(result).toMatchObject({ supported: false, status: 404 });
    expect(result.supported ? [] : result.error.codes).toEqual([]);
  });
});
