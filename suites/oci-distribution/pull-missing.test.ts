import { describe, expect } from 'vitest';
import { digestOf } from '../../core/engines/registry/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { distTest } from './support/dist-test.js';
import { expectError, expectStatusAndShape } from './support/error-body.js';
import { useRegistry } from './support/registry-env.js';

const env = useRegistry('pull-missing', { seed: true });
const NEVER = digestOf('shipshape: content that was never pushed');
const ACCEPT = { accept: MediaType.ociManifest };

describe('content that is not there', () => {
  distTest(
    'GET of an unknown tag: 404 MANIFEST_UNKNOWN',
    { workflow: 'pull', requirements: ['dist:pull.manifest.not-found', 'dist:errors.code.manifest-unknown'] },
    async (ctx) => {
      env.seed(ctx);
      const res = await env.client.raw('GET', `/v2/${env.repo}/manifests/no-such-tag`, { headers: ACCEPT });
      expectError(res, 404, 'MANIFEST_UNKNOWN');
    },
  );

  distTest(
    'GET of an unknown manifest digest: 404 MANIFEST_UNKNOWN',
    { workflow: 'pull', requirements: ['dist:pull.manifest.not-found', 'dist:errors.code.manifest-unknown'] },
    async (ctx) => {
      env.seed(ctx);
      const res = await env.client.raw('GET', `/v2/${env.repo}/manifests/${NEVER}`, { headers: ACCEPT });
      expectError(res, 404, 'MANIFEST_UNKNOWN');
    },
  );

  distTest(
    'HEAD of an unknown manifest: 404',
    { workflow: 'pull', requirements: ['dist:pull.head.not-found'] },
    async (ctx) => {
      env.seed(ctx);
      const byTag = await env.client.raw('HEAD', `/v2/${env.repo}/manifests/no-such-tag`, {
        headers: ACCEPT,
      });
      const byDigest = await env.client.raw('HEAD', `/v2/${env.repo}/manifests/${NEVER}`, {
        headers: ACCEPT,
      });
      expect([byTag.status, byDigest.status]).toEqual([404, 404]);
    },
  );

  distTest(
    'GET of an unknown blob: 404 BLOB_UNKNOWN',
    { workflow: 'pull', requirements: ['dist:pull.blob.not-found', 'dist:errors.code.blob-unknown'] },
    async (ctx) => {
      env.seed(ctx);
      expectError(await env.client.raw('GET', `/v2/${env.repo}/blobs/${NEVER}`), 404, 'BLOB_UNKNOWN');
    },
  );

  distTest(
    'HEAD of an unknown blob: 404',
    { workflow: 'pull', requirements: ['dist:pull.head.not-found'] },
    async (ctx) => {
      env.seed(ctx);
      expect((await env.client.raw('HEAD', `/v2/${env.repo}/blobs/${NEVER}`)).status).toBe(404);
    },
  );

  distTest(
    'a manifest in a repository that does not exist: 404 (MANIFEST_UNKNOWN or NAME_UNKNOWN)',
    { workflow: 'pull', requirements: ['dist:pull.repository.not-found'] },
    async () => {
      const res = await env.client.raw('GET', `/v2/${env.other('absent')}/manifests/latest`, {
        headers: ACCEPT,
      });
      expectError(res, 404, ['MANIFEST_UNKNOWN', 'NAME_UNKNOWN']);
    },
  );

  distTest(
    'a blob in a repository that does not exist: 404 (BLOB_UNKNOWN or NAME_UNKNOWN)',
    { workflow: 'pull', requirements: ['dist:pull.repository.not-found', 'dist:pull.blob.not-found'] },
    async () => {
      expectError(await env.client.raw('GET', `/v2/${env.other('absent')}/blobs/${NEVER}`), 404, [
        'BLOB_UNKNOWN',
        'NAME_UNKNOWN',
      ]);
    },
  );

  distTest(
    'a malformed digest as manifest reference is a client error (400 or 404), not a server fault',
    { workflow: 'pull', requirements: ['dist:pull.manifest.reference-format', 'dist:api.http-semantics'] },
    async (ctx) => {
      env.seed(ctx);
      const res = await env.client.raw('GET', `/v2/${env.repo}/manifests/sha256:abc`, { headers: ACCEPT });
      expectStatusAndShape(res, [400, 404]);
    },
  );

  distTest(
    'a malformed blob digest is a client error (400 or 404)',
    { workflow: 'pull', requirements: ['dist:pull.blob.not-found', 'dist:api.http-semantics'] },
    async (ctx) => {
      env.seed(ctx);
      expectStatusAndShape(await env.client.raw('GET', `/v2/${env.repo}/blobs/sha256:abc`), [400, 404]);
    },
  );
});
