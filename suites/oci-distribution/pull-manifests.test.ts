import { describe, expect } from 'vitest';
import { bareMediaType, digestOf, headerValue } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { MANIFEST_FORMS } from './support/forms.js';
import { useRegistry } from './support/registry-env.js';

const env = useRegistry('pull-manifests', { seed: true });

describe('determining support', () => {
  distTest(
    'GET /v2/ answers 200',
    { workflow: 'pull', requirements: ['dist:api.determining-support'] },
    async () => {
      expect((await env.client.raw('GET', '/v2/')).status).toBe(200);
    },
  );
});

describe('pulling manifests', () => {
  for (const form of MANIFEST_FORMS) {
    describe(form.label, () => {
      for (const by of ['tag', 'digest'] as const) {
        distTest(
          `GET by ${by}: 200, the pushed bytes, Docker-Content-Digest of the body, Content-Type = mediaType`,
          {
            workflow: 'pull',
            requirements: [
              'dist:pull.manifest.get',
              'dist:pull.manifest.digest-header',
              'dist:pull.manifest.content-type',
            ],
          },
          async (ctx) => {
            const m = form.pick(env.seed(ctx));
            const res = await env.client.raw(
              'GET',
              `/v2/${env.repo}/manifests/${by === 'tag' ? m.tag : m.digest}`,
              {
                headers: { accept: form.mediaType },
              },
            );
            expect(res.status).toBe(200);
            expect(res.body.equals(m.bytes)).toBe(true);
            expect(headerValue(res, 'docker-content-digest')).toBe(digestOf(res.body));
            expect(digestOf(res.body)).toBe(m.digest);
            expect(bareMediaType(headerValue(res, 'content-type'))).toBe(form.mediaType);
          },
        );
        distTest(
          `HEAD by ${by}: 200 with Docker-Content-Digest and Content-Length, no body`,
          {
            workflow: 'pull',
            requirements: ['dist:pull.head.status', 'dist:pull.head.digest', 'dist:pull.head.length'],
          },
          async (ctx) => {
            const m = form.pick(env.seed(ctx));
            const res = await env.client.raw(
              'HEAD',
              `/v2/${env.repo}/manifests/${by === 'tag' ? m.tag : m.digest}`,
              {
                headers: { accept: form.mediaType },
              },
            );
            expect({
              status: res.status,
              digest: headerValue(res, 'docker-content-digest'),
              length: headerValue(res, 'content-length'),
              body: res.body.length,
            }).toEqual({ status: 200, digest: m.digest, length: String(m.bytes.length), body: 0 });
          },
        );
      }
    });
  }

  distTest(
    'Content-Type carries no parameters',
    { workflow: 'pull', requirements: ['dist:pull.manifest.content-type-params'] },
    async (ctx) => {
      const seed = env.seed(ctx);
      const types: string[] = [];
      for (const form of MANIFEST_FORMS) {
        const res = await env.client.raw('GET', `/v2/${env.repo}/manifests/${form.pick(seed).digest}`, {
          headers: { accept: form.mediaType },
        });
        types.push(headerValue(res, 'content-type') ?? '(none)');
      }
      expect(types).toEqual(MANIFEST_FORMS.map((f) => f.mediaType));
    },
  );
});
