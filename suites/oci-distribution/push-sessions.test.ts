import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { digestOf, headerValue } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { expectError } from './support/error-body.js';
import { useRegistry } from './support/registry-env.js';
import { close, locationOf, openUpload, patch } from './support/upload-steps.js';

const env = useRegistry('push-sessions');
const blob = (label: string) => Buffer.from(`shipshape ${label} ${randomBytes(8).toString('hex')}\n`);

/** Push `bytes` into `repo` by POST then PUT and record it. */
async function pushBlob(repo: string, bytes: Buffer): Promise<string> {
  const digest = digestOf(bytes);
  env.ledger.blob(repo, digest);
  const res = await close(env, await openUpload(env, repo), digest, bytes);
  expect(res.status).toBe(201);
  return digest;
}

describe('upload sessions', () => {
  distTest(
    'DELETE cancels an upload: 204, then the session is 404 BLOB_UPLOAD_UNKNOWN',
    { workflow: 'push', requirements: ['dist:push.upload.cancel', 'dist:errors.code.blob-upload-unknown'] },
    async () => {
      const started = await openUpload(env, env.repo);
      const res = await patch(env, started, 'partial', '0-6');
      expect(res.status).toBe(202);
      const location = locationOf(res);
      expect((await env.client.raw('DELETE', location, { body: '' })).status).toBe(204);
      expectError(await env.client.raw('GET', location), 404, 'BLOB_UPLOAD_UNKNOWN');
    },
  );
});

describe('mounting a blob from another repository', () => {
  distTest(
    'POST ?mount=&from=: 201 with Location and Docker-Content-Digest; the blob is pullable in the target',
    { workflow: 'push', requirements: ['dist:push.mount'] },
    async () => {
      const from = env.other('mount-src');
      const bytes = blob('mount');
      const digest = await pushBlob(from, bytes);
      env.ledger.blob(env.repo, digest);
      const res = await env.client.raw('POST', `/v2/${env.repo}/blobs/uploads/`, {
        body: '',
        query: { mount: digest, from },
      });
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expect({ status: res.status, digest: headerValue(res, 'docker-content-digest') }).toEqual({
        status: 201,
        digest,
      });
      const got = await env.client.raw('GET', locationOf(res));
      expect({ status: got.status, same: got.body.equals(bytes) }).toEqual({ status: 200, same: true });
    },
  );

  distTest(
    'mounting a blob the source does not hold answers 202 with a session that takes the upload',
    { workflow: 'push', requirements: ['dist:push.mount.fallback', 'dist:push.blob.put'] },
    async () => {
      const from = env.other('mount-empty');
      await pushBlob(from, blob('other content'));
      const bytes = blob('not in source');
      const digest = digestOf(bytes);
      const res = await env.client.raw('POST', `/v2/${env.repo}/blobs/uploads/`, {
        body: '',
        query: { mount: digest, from },
      });
      expect(res.status).toBe(202);
      const location = locationOf(res);
      env.ledger.upload(location);
      env.ledger.blob(env.repo, digest);
      expect((await close(env, location, digest, bytes)).status).toBe(201);
    },
  );

  distTest(
    'mounting from a repository that does not exist answers 202',
    { workflow: 'push', requirements: ['dist:push.mount.fallback'] },
    async () => {
      const res = await env.client.raw('POST', `/v2/${env.repo}/blobs/uploads/`, {
        body: '',
        query: { mount: digestOf('shipshape: never pushed'), from: env.other('absent') },
      });
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expect(res.status).toBe(202);
    },
  );
});
