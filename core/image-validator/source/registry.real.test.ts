import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_LAYER, buildLayout } from '../../../fixtures/broken-images/build-layout.js';
import { type Files, jsonBytes, sha256 } from '../../../fixtures/broken-images/parts.js';
import { MediaType } from '../../../spec/oci-image/media-types.js';
import { RegistryClient } from '../../engines/registry/client.js';
import { pushImage } from '../../engines/registry/push-image.js';
import {
  PushedContent,
  REGISTRY_URL,
  registryAnswers,
  uniqueRepo,
} from '../../engines/registry/real-registry.js';
import { tarBuffer } from '../../tar/index.js';
import { zstdStored } from '../test-support.js';
import { validateImage } from '../validate/validate-image.js';

// Against the registry peer (CNCF distribution, scripts/peers.sh): images pushed under a repository
// unique to this run, deleted again afterwards (as far as the registry allows deletes).
const up = await registryAnswers();
const client = new RegistryClient(REGISTRY_URL, { timeoutMs: 10_000 });
const pushed = new PushedContent(client);
const repo = uniqueRepo('validate');

afterAll(async () => {
  if (up) expect(await pushed.clean()).toEqual([]);
  await client.close();
});

/** Push a layout's image to `repo` (by `tag`, or by digest); its manifest descriptor. */
async function push(files: Files, tag?: string) {
  const desc = JSON.parse(String(files.get('index.json'))).manifests[0];
  const blobs = new Map<string, Buffer>();
  let manifest: Buffer = Buffer.alloc(0);
  for (const [path, bytes] of files) {
    if (!path.startsWith('blobs/sha256/') || !Buffer.isBuffer(bytes)) continue;
    const digest = `sha256:${path.slice('blobs/sha256/'.length)}`;
    if (digest === desc.digest) manifest = bytes;
    else blobs.set(digest, bytes);
  }
  const image = { blobs, manifest, mediaType: String(desc.mediaType) };
  const result = await pushImage(client, repo, image, tag === undefined ? {} : { tag });
  for (const digest of blobs.keys()) pushed.blob(repo, digest);
  pushed.manifest(repo, result.digest);
  return { mediaType: String(desc.mediaType), digest: result.digest, size: manifest.length };
}

const ref = (reference: string) =>
  `${REGISTRY_URL}/${repo}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;

describe.skipIf(!up)(
  `validate image against the registry at ${REGISTRY_URL}${up ? '' : ' (skipped: no registry answers GET /v2/ there; scripts/peers.sh starts one)'}`,
  () => {
    let amd = { mediaType: '', digest: '', size: 0 };
    let arm = { mediaType: '', digest: '', size: 0 };
    beforeAll(async () => {
      const tar = await tarBuffer(BASE_LAYER);
      const layers = [
        { bytes: zstdStored(tar), mediaType: MediaType.ociLayerZstd, diffId: sha256(tar) },
        { bytes: tar, mediaType: MediaType.ociLayer, diffId: sha256(tar) },
        { bytes: gzipSync(tar), mediaType: MediaType.ociLayerGzip, diffId: sha256(tar) },
      ];
      await push(await buildLayout({ layers: () => layers }), 'mixed');
      amd = await push(await buildLayout({ config: ({ os: _os, ...rest }) => rest }));
      arm = await push(await buildLayout({ config: (c) => ({ ...c, architecture: 'arm64' }) }));
      const index = jsonBytes({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          { ...amd, platform: { os: 'linux', architecture: 'amd64' } },
          { ...arm, platform: { os: 'linux', architecture: 'arm64' } },
        ],
      });
      const put = await client.manifests.put(repo, 'multi', index, { mediaType: MediaType.ociIndex });
      pushed.manifest(repo, put.digest);
    });

    it('pulls an image with zstd, uncompressed and gzip layers and finds it valid', async () => {
      const report = await validateImage(ref('mixed'));
      expect(report).toMatchObject({ valid: true, format: 'registry', defects: [] });
    });

    it('validates every child of an index, or only the one for --platform', async () => {
      const all = await validateImage(ref('multi'));
      expect(all.defects.map((d) => d.ruleId)).toEqual(['image:config.os']);
      expect(await validateImage(ref('multi'), { platform: 'linux/arm64' })).toMatchObject({
        valid: true,
        defects: [],
      });
      expect((await validateImage(ref(amd.digest))).defects.map((d) => d.ruleId)).toEqual([
        'image:config.os',
      ]);
    });

    it('says the tag is unknown (exit 2)', async () => {
      await expect(validateImage(ref('absent'))).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringMatching(/manifest unknown \(404\)/),
      });
    });
  },
);
