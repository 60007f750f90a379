import { describe, expect } from 'vitest';
import {
  buildTestIndex,
  digestOf,
  headerValue,
  type ImageContent,
  type RawResponse,
} from '../../core/engines/registry/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { distTest } from './support/dist-test.js';
import { expectError } from './support/error-body.js';
import { freshImage, pushBlobsOf, pushWhole, putManifest } from './support/images.js';
import { useRegistry } from './support/registry-env.js';
import { locationOf } from './support/upload-steps.js';

const env = useRegistry('push-manifests');
const PUT_REQS = ['dist:push.manifest.put', 'dist:push.manifest.digest-header'];

/** 201, Docker-Content-Digest = sha256(bytes), and the Location pulls the very same bytes. */
async function expectPushed(res: RawResponse, bytes: Buffer, mediaType: string): Promise<void> {
  expect({ status: res.status, digest: headerValue(res, 'docker-content-digest') }).toEqual({
    status: 201,
    digest: digestOf(bytes),
  });
  const got = await env.client.raw('GET', locationOf(res), { headers: { accept: mediaType } });
  expect({ status: got.status, same: got.body.equals(bytes) }).toEqual({ status: 200, same: true });
}

const KINDS: readonly { label: string; image: () => ImageContent }[] = [
  { label: 'an OCI image manifest', image: () => freshImage('oci manifest') },
  { label: 'a Docker schema2 manifest', image: () => freshImage('docker manifest', { format: 'docker' }) },
];

describe('pushing manifests', () => {
  for (const kind of KINDS) {
    distTest(
      `PUT ${kind.label} by tag: 201, Location, Docker-Content-Digest`,
      { workflow: 'push', requirements: PUT_REQS },
      async () => {
        const image = kind.image();
        await expectPushed(await pushWhole(env, env.repo, image, 'by-tag'), image.manifest, image.mediaType);
      },
    );
  }

  distTest(
    'PUT an OCI image manifest by digest: 201, Location, Docker-Content-Digest',
    { workflow: 'push', requirements: PUT_REQS },
    async () => {
      const image = freshImage('by digest');
      await expectPushed(
        await pushWhole(env, env.repo, image, image.digest),
        image.manifest,
        image.mediaType,
      );
    },
  );

  distTest(
    'PUT an OCI image index by tag: 201, Location, Docker-Content-Digest',
    { workflow: 'push', requirements: PUT_REQS },
    async () => {
      const image = freshImage('index child');
      expect((await pushWhole(env, env.repo, image, image.digest)).status).toBe(201);
      const index = buildTestIndex([
        { mediaType: image.mediaType, digest: image.digest, size: image.manifest.length },
      ]);
      env.ledger.manifest(env.repo, index.digest);
      const res = await putManifest(env, env.repo, 'an-index', index.bytes, MediaType.ociIndex);
      await expectPushed(res, index.bytes, MediaType.ociIndex);
    },
  );

  distTest(
    'the manifest is stored byte for byte (odd whitespace and key order survive)',
    { workflow: 'push', requirements: ['dist:push.manifest.exact-bytes'] },
    async () => {
      const image = freshImage('exact bytes');
      await pushBlobsOf(env, env.repo, image);
      const parsed = JSON.parse(image.manifest.toString()) as Record<string, unknown>;
      const odd = Buffer.from(`${JSON.stringify({ layers: parsed.layers, ...parsed }, null, 3)}\n\n`);
      env.ledger.manifest(env.repo, digestOf(odd));
      const res = await putManifest(env, env.repo, 'exact', odd, image.mediaType);
      await expectPushed(res, odd, image.mediaType);
    },
  );

  distTest(
    'pushing to an existing tag moves the tag',
    { workflow: 'push', requirements: ['dist:push.manifest.tag-moves'] },
    async () => {
      const first = freshImage('first');
      const second = freshImage('second');
      expect((await pushWhole(env, env.repo, first, 'moving')).status).toBe(201);
      expect((await pushWhole(env, env.repo, second, 'moving')).status).toBe(201);
      const head = await env.client.raw('HEAD', `/v2/${env.repo}/manifests/moving`, {
        headers: { accept: MediaType.ociManifest },
      });
      expect(headerValue(head, 'docker-content-digest')).toBe(second.digest);
    },
  );

  distTest(
    'push by digest with ?tag=: each tag the registry creates is named in OCI-Tag',
    { workflow: 'push', requirements: ['dist:push.manifest.tag-param'] },
    async (ctx) => {
      const image = freshImage('tag param');
      await pushBlobsOf(env, env.repo, image);
      env.ledger.manifest(env.repo, image.digest);
      const tags = ['tp-1', 'tp-2'];
      const res = await putManifest(env, env.repo, image.digest, image.manifest, image.mediaType, {
        tag: tags,
      });
      expect(res.status).toBe(201);
      const created: string[] = [];
      for (const tag of tags) {
        const head = await env.client.raw('HEAD', `/v2/${env.repo}/manifests/${tag}`, {
          headers: { accept: image.mediaType },
        });
        if (head.status === 200) created.push(tag);
      }
      const announced = (headerValue(res, 'oci-tag') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      if (created.length === 0 && announced.length === 0) {
        ctx.skip('registry ignores ?tag= on a push by digest (the spec makes tag parameters optional)');
      }
      expect(announced.sort()).toEqual(created.sort());
    },
  );

  const missing: readonly {
    label: string;
    build: () => { bytes: Buffer; mediaType: string; upload?: ImageContent };
  }[] = [
    {
      label: 'an image manifest whose layer was never pushed',
      build: () => {
        const image = freshImage('missing layer');
        return { bytes: image.manifest, mediaType: image.mediaType };
      },
    },
    {
      label: 'an index whose child manifest was never pushed',
      build: () => {
        const child = freshImage('missing child');
        const index = buildTestIndex([
          { mediaType: child.mediaType, digest: child.digest, size: child.manifest.length },
        ]);
        return { bytes: index.bytes, mediaType: MediaType.ociIndex };
      },
    },
  ];
  for (const m of missing) {
    distTest(
      `${m.label}: accepted (201) or refused with MANIFEST_BLOB_UNKNOWN`,
      {
        workflow: 'push',
        requirements: ['dist:push.manifest.blob-unknown', 'dist:errors.code.manifest-blob-unknown'],
      },
      async () => {
        const { bytes, mediaType } = m.build();
        env.ledger.manifest(env.repo, digestOf(bytes));
        const res = await putManifest(env, env.repo, 'sparse', bytes, mediaType);
        if (res.status === 201) return;
        expectError(res, [400, 404], 'MANIFEST_BLOB_UNKNOWN');
      },
    );
  }

  distTest(
    'a digest in the path that does not match the body: 400 DIGEST_INVALID',
    {
      workflow: 'push',
      requirements: ['dist:push.manifest.digest-header', 'dist:errors.code.digest-invalid'],
    },
    async () => {
      const image = freshImage('wrong digest');
      await pushBlobsOf(env, env.repo, image);
      const res = await putManifest(
        env,
        env.repo,
        digestOf('something else'),
        image.manifest,
        image.mediaType,
      );
      expectError(res, 400, 'DIGEST_INVALID');
    },
  );

  distTest(
    'a manifest whose subject does not exist is accepted (201)',
    { workflow: 'push', requirements: ['dist:push.manifest.subject-missing'] },
    async () => {
      const subject = {
        mediaType: MediaType.ociManifest,
        digest: digestOf('shipshape: absent subject'),
        size: 123,
      };
      const image = freshImage('dangling subject', {
        subject,
        artifactType: 'application/vnd.shipshape.test',
      });
      const res = await pushWhole(env, env.repo, image, image.digest);
      expect(res.status).toBe(201);
    },
  );

  distTest(
    'a push with subject is answered with OCI-Subject: <subject digest>',
    { workflow: 'push', requirements: ['dist:push.manifest.subject-header'], needs: ['registry.referrers'] },
    async () => {
      const target = freshImage('subject target');
      expect((await pushWhole(env, env.repo, target, target.digest)).status).toBe(201);
      const subject = { mediaType: target.mediaType, digest: target.digest, size: target.manifest.length };
      const image = freshImage('referrer', { subject, artifactType: 'application/vnd.shipshape.test' });
      const res = await pushWhole(env, env.repo, image, image.digest);
      expect({ status: res.status, subject: headerValue(res, 'oci-subject') }).toEqual({
        status: 201,
        subject: target.digest,
      });
    },
  );
});
