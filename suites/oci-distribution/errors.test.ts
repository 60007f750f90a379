import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { digestOf, type RawResponse } from '../../core/engines/registry/index.js';
import { MediaType } from '../../spec/oci-image/media-types.js';
import { distTest } from './support/dist-test.js';
import { errorShapeProblems, expectError, expectStatusAndShape } from './support/error-body.js';
import { freshImage, pushBlobsOf, putManifest } from './support/images.js';
import { rawExchange } from './support/raw-http.js';
import { useRegistry } from './support/registry-env.js';
import { close, locationOf, openUpload, patch } from './support/upload-steps.js';

const env = useRegistry('errors', { seed: true });
const TAGS = ['errors'];
const NEVER = digestOf('shipshape: never pushed');
const bytes = () => Buffer.from(`shipshape error case ${randomBytes(8).toString('hex')}\n`);

/** An upload that was started, given one chunk, and cancelled; returns its last Location. */
async function cancelledUpload(): Promise<string> {
  const res = await patch(env, await openUpload(env, env.repo), 'abc', '0-2');
  expect(res.status).toBe(202);
  const location = locationOf(res);
  expect((await env.client.raw('DELETE', location, { body: '' })).status).toBe(204);
  return location;
}

describe('error responses', () => {
  distTest(
    'JSON error bodies are {"errors":[{code, message?, detail?}]} with codes from the spec table',
    { workflow: 'pull', requirements: ['dist:errors.shape'], tags: TAGS },
    async (ctx) => {
      env.seed(ctx);
      const answers: RawResponse[] = [
        await env.client.raw('GET', `/v2/${env.repo}/manifests/absent`, {
          headers: { accept: MediaType.ociManifest },
        }),
        await env.client.raw('GET', `/v2/${env.repo}/blobs/${NEVER}`),
        await env.client.raw('GET', `/v2/${env.other('absent')}/tags/list`),
        await close(env, await openUpload(env, env.repo), NEVER, bytes()),
      ];
      const problems = answers.map((res) => ({
        status: res.status,
        problems: errorShapeProblems(JSON.parse(res.body.toString() || 'null')),
      }));
      expect(
        problems.every((p) => p.status >= 400 && p.status < 500 && p.problems.length === 0),
        JSON.stringify(problems),
      ).toBe(true);
    },
  );

  distTest(
    'BLOB_UPLOAD_UNKNOWN: PATCH to a cancelled upload answers 404',
    { workflow: 'push', requirements: ['dist:errors.code.blob-upload-unknown'], tags: TAGS },
    async () => {
      expectError(await patch(env, await cancelledUpload(), 'defg', '3-6'), 404, 'BLOB_UPLOAD_UNKNOWN');
    },
  );

  distTest(
    'BLOB_UPLOAD_UNKNOWN: the closing PUT of a cancelled upload answers 404',
    { workflow: 'push', requirements: ['dist:errors.code.blob-upload-unknown'], tags: TAGS },
    async () => {
      expectError(await close(env, await cancelledUpload(), digestOf('abc')), 404, 'BLOB_UPLOAD_UNKNOWN');
    },
  );

  distTest(
    'BLOB_UPLOAD_INVALID: a PATCH whose Content-Range is not <start>-<end> is refused (400, or 416)',
    {
      workflow: 'push',
      requirements: ['dist:errors.code.blob-upload-invalid', 'dist:push.chunk.patch'],
      tags: TAGS,
    },
    async () => {
      const res = await patch(env, await openUpload(env, env.repo), 'hello', 'bytes=abc');
      if (res.status === 202) env.ledger.upload(locationOf(res));
      if (res.status !== 416) expectError(res, 400, 'BLOB_UPLOAD_INVALID');
    },
  );

  distTest(
    'DIGEST_INVALID: a closing PUT whose digest does not match the bytes answers 400',
    {
      workflow: 'push',
      requirements: ['dist:errors.code.digest-invalid', 'dist:push.blob.invalid-digest'],
      tags: TAGS,
    },
    async () => {
      expectError(await close(env, await openUpload(env, env.repo), NEVER, bytes()), 400, 'DIGEST_INVALID');
    },
  );

  distTest(
    'MANIFEST_INVALID: a manifest body that is not JSON answers 400',
    { workflow: 'push', requirements: ['dist:errors.code.manifest-invalid'], tags: TAGS },
    async () => {
      const res = await putManifest(
        env,
        env.repo,
        'garbage',
        Buffer.from('{not json'),
        MediaType.ociManifest,
      );
      expectError(res, 400, 'MANIFEST_INVALID');
    },
  );

  distTest(
    'MANIFEST_INVALID: a manifest with an unknown schemaVersion answers 400, not a server error',
    {
      workflow: 'push',
      requirements: ['dist:errors.code.manifest-invalid', 'dist:api.http-semantics'],
      tags: TAGS,
    },
    async () => {
      const image = freshImage('schema version');
      await pushBlobsOf(env, env.repo, image);
      const body = Buffer.from(image.manifest.toString().replace('"schemaVersion":2', '"schemaVersion":3'));
      env.ledger.manifest(env.repo, digestOf(body));
      expectError(
        await putManifest(env, env.repo, 'schema3', body, MediaType.ociManifest),
        400,
        'MANIFEST_INVALID',
      );
    },
  );

  // Upper case breaks the spec's <name> grammar; registries built on the Docker reference grammar
  // allow it in a first, domain-like component, so that is where it goes.
  const badName = () => `SHIPSHAPE-CONFORMANCE/upper-${randomBytes(3).toString('hex')}`;

  distTest(
    'a repository name outside the grammar (upper case) is refused when an upload starts (4xx)',
    { workflow: 'push', requirements: ['dist:name.grammar'], tags: TAGS },
    async () => {
      const res = await env.client.raw('POST', `/v2/${badName()}/blobs/uploads/`, { body: '' });
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expectStatusAndShape(res, [400, 403, 404]);
    },
  );

  distTest(
    'NAME_INVALID: that refusal names the code NAME_INVALID',
    { workflow: 'push', requirements: ['dist:errors.code.name-invalid', 'dist:name.grammar'], tags: TAGS },
    async () => {
      const res = await env.client.raw('POST', `/v2/${badName()}/blobs/uploads/`, { body: '' });
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expectError(res, [400, 404], 'NAME_INVALID');
    },
  );

  distTest(
    'SIZE_INVALID: a PATCH whose Content-Range length disagrees with its body is refused (400 SIZE_INVALID, or 416)',
    { workflow: 'push', requirements: ['dist:errors.code.size-invalid', 'dist:push.chunk.size'], tags: TAGS },
    async () => {
      const res = await patch(env, await openUpload(env, env.repo), '0123456789', '0-99');
      if (res.status === 202) env.ledger.upload(locationOf(res));
      if (res.status !== 416) expectError(res, 400, 'SIZE_INVALID');
    },
  );

  distTest(
    'a closing PUT cut short of its Content-Length does not create the blob',
    { workflow: 'push', requirements: ['dist:errors.code.size-invalid', 'dist:push.blob.put'], tags: TAGS },
    async () => {
      const body = bytes();
      const digest = digestOf(body);
      const url = new URL(await openUpload(env, env.repo));
      url.searchParams.set('digest', digest);
      const answer = await rawExchange(env.client.base, {
        method: 'PUT',
        path: url.href,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length + 64) },
        body,
        halfClose: true,
      });
      env.ledger.blob(env.repo, digest);
      expect(answer.status).not.toBe(201);
      expect((await env.client.raw('HEAD', `/v2/${env.repo}/blobs/${digest}`)).status).toBe(404);
    },
  );
});
