import { describe, expect } from 'vitest';
import { digestOf, headerValue } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { useRegistry } from './support/registry-env.js';
import type { Seed } from './support/seed.js';

const env = useRegistry('pull-blobs', { seed: true });

const BLOBS: readonly { label: string; digest: (s: Seed) => string }[] = [
  { label: 'config', digest: (s) => s.oci.config.digest },
  { label: 'layer 1', digest: (s) => s.oci.layers[0]?.digest ?? '' },
  { label: 'layer 2', digest: (s) => s.oci.layers[1]?.digest ?? '' },
];

describe('pulling blobs', () => {
  for (const blob of BLOBS) {
    describe(blob.label, () => {
      distTest(
        'GET: 200, the pushed bytes, Docker-Content-Digest and Content-Length of the body',
        { workflow: 'pull', requirements: ['dist:pull.blob.get', 'dist:pull.blob.digest-header'] },
        async (ctx) => {
          const seed = env.seed(ctx);
          const digest = blob.digest(seed);
          const res = await env.client.raw('GET', `/v2/${env.repo}/blobs/${digest}`);
          expect(res.status).toBe(200);
          expect(res.body.equals(seed.oci.blobs.get(digest) ?? Buffer.alloc(1))).toBe(true);
          expect(digestOf(res.body)).toBe(digest);
          expect(headerValue(res, 'docker-content-digest')).toBe(digest);
          expect(headerValue(res, 'content-length')).toBe(String(res.body.length));
        },
      );
      distTest(
        'HEAD: 200 with Docker-Content-Digest and Content-Length, no body',
        {
          workflow: 'pull',
          requirements: ['dist:pull.head.status', 'dist:pull.head.digest', 'dist:pull.head.length'],
        },
        async (ctx) => {
          const seed = env.seed(ctx);
          const digest = blob.digest(seed);
          const res = await env.client.raw('HEAD', `/v2/${env.repo}/blobs/${digest}`);
          expect({
            status: res.status,
            digest: headerValue(res, 'docker-content-digest'),
            length: headerValue(res, 'content-length'),
            body: res.body.length,
          }).toEqual({ status: 200, digest, length: String(seed.oci.blobs.get(digest)?.length), body: 0 });
        },
      );
    });
  }

  distTest(
    'a blob held only by another repository is 404 here',
    { workflow: 'pull', requirements: ['dist:pull.blob.not-found', 'dist:pull.head.not-found'] },
    async (ctx) => {
      const digest = env.seed(ctx).oci.config.digest;
      const elsewhere = env.other('empty');
      const got = await env.client.raw('GET', `/v2/${elsewhere}/blobs/${digest}`);
      const head = await env.client.raw('HEAD', `/v2/${elsewhere}/blobs/${digest}`);
      expect({ get: got.status, head: head.status }).toEqual({ get: 404, head: 404 });
    },
  );
});
