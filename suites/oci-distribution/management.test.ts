import { describe, expect } from 'vitest';
import { buildTestIndex, digestOf, headerValue } from '../../core/engines/registry/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { distTest } from './support/dist-test.js';
import { errorCodes, expectError } from './support/error-body.js';
import { freshImage, pushWhole, putManifest } from './support/images.js';
import { useRegistry } from './support/registry-env.js';

const env = useRegistry('management');
const DELETE = ['registry.delete'] as const;
const ACCEPT = { accept: [MediaType.ociManifest, MediaType.ociIndex].join(', ') };
const status = async (method: string, path: string) =>
  (await env.client.raw(method, path, { headers: ACCEPT })).status;

/** Push a fresh OCI image under `tag` and return it. */
async function pushed(label: string, tag: string) {
  const image = freshImage(label);
  expect((await pushWhole(env, env.repo, image, tag)).status).toBe(201);
  return image;
}

describe('deleting manifests', () => {
  distTest(
    'DELETE by digest: 202; then the digest and its tag answer 404',
    { workflow: 'management', requirements: ['dist:management.manifest.delete'], needs: [...DELETE] },
    async () => {
      const image = await pushed('delete manifest', 'doomed');
      expect(await status('DELETE', `/v2/${env.repo}/manifests/${image.digest}`)).toBe(202);
      const m = `/v2/${env.repo}/manifests`;
      expect({
        get: await status('GET', `${m}/${image.digest}`),
        head: await status('HEAD', `${m}/${image.digest}`),
        tag: await status('GET', `${m}/doomed`),
      }).toEqual({ get: 404, head: 404, tag: 404 });
    },
  );

  distTest(
    'DELETE of an index by digest: 202; the index is gone, its child manifest stays',
    { workflow: 'management', requirements: ['dist:management.manifest.delete'], needs: [...DELETE] },
    async () => {
      const child = await pushed('index child', 'child');
      const index = buildTestIndex([
        { mediaType: child.mediaType, digest: child.digest, size: child.manifest.length },
      ]);
      env.ledger.manifest(env.repo, index.digest);
      expect((await putManifest(env, env.repo, 'idx', index.bytes, MediaType.ociIndex)).status).toBe(201);
      expect(await status('DELETE', `/v2/${env.repo}/manifests/${index.digest}`)).toBe(202);
      expect({
        index: await status('GET', `/v2/${env.repo}/manifests/${index.digest}`),
        child: await status('GET', `/v2/${env.repo}/manifests/${child.digest}`),
      }).toEqual({ index: 404, child: 200 });
    },
  );

  distTest(
    'DELETE of a manifest the repository does not hold: 404 MANIFEST_UNKNOWN',
    {
      workflow: 'management',
      requirements: ['dist:management.manifest.delete', 'dist:errors.code.manifest-unknown'],
      needs: [...DELETE],
    },
    async () => {
      await pushed('keeps repo alive', 'alive');
      const res = await env.client.raw(
        'DELETE',
        `/v2/${env.repo}/manifests/${digestOf('shipshape: never pushed')}`,
      );
      expectError(res, 404, 'MANIFEST_UNKNOWN');
    },
  );

  distTest(
    'DELETE of a manifest in a repository that does not exist: 404',
    { workflow: 'management', requirements: ['dist:management.manifest.delete-unknown'], needs: [...DELETE] },
    async () => {
      const res = await env.client.raw('DELETE', `/v2/${env.other('absent')}/manifests/${digestOf('x')}`);
      expectError(res, 404, ['MANIFEST_UNKNOWN', 'NAME_UNKNOWN']);
    },
  );
});

describe('deleting tags', () => {
  distTest(
    'DELETE by tag: 202 and the tag is gone (manifest kept), or 400/405 with nothing changed',
    { workflow: 'management', requirements: ['dist:management.tag.delete'], needs: [...DELETE] },
    async () => {
      const image = await pushed('delete tag', 'untag-me');
      const res = await env.client.raw('DELETE', `/v2/${env.repo}/manifests/untag-me`);
      expect([202, 400, 405]).toContain(res.status);
      const after = {
        tag: await status('GET', `/v2/${env.repo}/manifests/untag-me`),
        digest: await status('GET', `/v2/${env.repo}/manifests/${image.digest}`),
      };
      expect(after).toEqual({ tag: res.status === 202 ? 404 : 200, digest: 200 });
    },
  );

  distTest(
    'a refused tag delete names the reason UNSUPPORTED',
    { workflow: 'management', requirements: ['dist:errors.code.unsupported'], needs: [...DELETE] },
    async (ctx) => {
      await pushed('unsupported tag delete', 'keep-me');
      const res = await env.client.raw('DELETE', `/v2/${env.repo}/manifests/keep-me`);
      if (res.status === 202) ctx.skip('registry deletes tags');
      expect({ status: res.status, codes: errorCodes(res) }).toEqual({
        status: res.status === 405 ? 405 : 400,
        codes: ['UNSUPPORTED'],
      });
    },
  );
});

describe('deleting blobs', () => {
  distTest(
    'DELETE of a blob: 202; then GET 404 BLOB_UNKNOWN and HEAD 404',
    { workflow: 'management', requirements: ['dist:management.blob.delete'], needs: [...DELETE] },
    async () => {
      const image = await pushed('delete blob', 'blob-owner');
      const layer = image.layers[0]?.digest ?? '';
      expect(await status('DELETE', `/v2/${env.repo}/blobs/${layer}`)).toBe(202);
      expectError(await env.client.raw('GET', `/v2/${env.repo}/blobs/${layer}`), 404, 'BLOB_UNKNOWN');
      expect(await status('HEAD', `/v2/${env.repo}/blobs/${layer}`)).toBe(404);
    },
  );

  distTest(
    'DELETE of a blob the repository does not hold: 404 BLOB_UNKNOWN',
    {
      workflow: 'management',
      requirements: ['dist:management.blob.delete-unknown', 'dist:errors.code.blob-unknown'],
      needs: [...DELETE],
    },
    async () => {
      await pushed('keeps repo alive', 'alive-2');
      expectError(
        await env.client.raw('DELETE', `/v2/${env.repo}/blobs/${digestOf('shipshape: none')}`),
        404,
        'BLOB_UNKNOWN',
      );
    },
  );

  distTest(
    'with deletes disabled, DELETE answers 400 or 405',
    {
      workflow: 'management',
      requirements: ['dist:management.manifest.delete', 'dist:management.blob.delete'],
    },
    async (ctx) => {
      if (env.canDelete) ctx.skip('registry deletes content (registry.delete)');
      const image = await pushed('no delete', 'stays');
      const manifest = await status('DELETE', `/v2/${env.repo}/manifests/${image.digest}`);
      const blob = await status('DELETE', `/v2/${env.repo}/blobs/${image.config.digest}`);
      expect({ manifest: [400, 405].includes(manifest), blob: [400, 405].includes(blob) }).toEqual({
        manifest: true,
        blob: true,
      });
      expect(
        headerValue(
          await env.client.raw('HEAD', `/v2/${env.repo}/manifests/stays`, { headers: ACCEPT }),
          'docker-content-digest',
        ),
      ).toBe(image.digest);
    },
  );
});
