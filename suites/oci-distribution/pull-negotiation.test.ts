import { describe, expect } from 'vitest';
import { bareMediaType, headerValue, type RawResponse } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { ALL_MANIFEST_TYPES, MANIFEST_FORMS } from './support/forms.js';
import { useRegistry } from './support/registry-env.js';

const env = useRegistry('pull-negotiation', { seed: true });

const outcome = (res: RawResponse) => ({
  status: res.status,
  type: bareMediaType(headerValue(res, 'content-type')),
});

describe('content negotiation', () => {
  for (const form of MANIFEST_FORMS) {
    describe(form.label, () => {
      const get = (digest: string, accept?: string) =>
        env.client.raw(
          'GET',
          `/v2/${env.repo}/manifests/${digest}`,
          accept === undefined ? {} : { headers: { accept } },
        );

      distTest(
        'an Accept listing every manifest type gets the stored type',
        { workflow: 'pull', requirements: ['dist:pull.manifest.accept', 'dist:pull.manifest.content-type'] },
        async (ctx) => {
          const m = form.pick(env.seed(ctx));
          const res = await get(m.tag, ALL_MANIFEST_TYPES.join(', '));
          expect(outcome(res)).toEqual({ status: 200, type: form.mediaType });
          expect(res.body.equals(m.bytes)).toBe(true);
        },
      );

      for (const by of ['tag', 'digest'] as const) {
        distTest(
          `a GET by ${by} without Accept still gets the manifest (200, stored type)`,
          { workflow: 'pull', requirements: ['dist:pull.manifest.get'] },
          async (ctx) => {
            const m = form.pick(env.seed(ctx));
            expect(outcome(await get(by === 'tag' ? m.tag : m.digest))).toEqual({
              status: 200,
              type: form.mediaType,
            });
          },
        );

        distTest(
          `a GET by ${by} with Accept: */* gets the manifest (200, stored type)`,
          { workflow: 'pull', requirements: ['dist:pull.manifest.get', 'dist:api.http-semantics'] },
          async (ctx) => {
            const m = form.pick(env.seed(ctx));
            expect(outcome(await get(by === 'tag' ? m.tag : m.digest, '*/*'))).toEqual({
              status: 200,
              type: form.mediaType,
            });
          },
        );
      }

      distTest(
        'an Accept naming only other types is served or refused with 406, never reported as unknown',
        { workflow: 'pull', requirements: ['dist:pull.manifest.accept', 'dist:api.http-semantics'] },
        async (ctx) => {
          const m = form.pick(env.seed(ctx));
          const others = ALL_MANIFEST_TYPES.filter((t) => t !== form.mediaType).join(', ');
          const res = await get(m.digest, others);
          const seen = outcome(res);
          // RFC 9110 12.5.1: a server either disregards Accept (200, its own type) or answers 406.
          expect([{ status: 200, type: form.mediaType }, { status: 406 }]).toContainEqual(
            seen.status === 406 ? { status: 406 } : seen,
          );
        },
      );
    });
  }
});
