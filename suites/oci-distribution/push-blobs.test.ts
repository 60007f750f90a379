import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { digestOf, headerValue } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { expectError } from './support/error-body.js';
import { useRegistry } from './support/registry-env.js';
import { close, locationOf, openUpload } from './support/upload-steps.js';

const env = useRegistry('push-blobs');
const blob = (label: string) => Buffer.from(`shipshape ${label} ${randomBytes(8).toString('hex')}\n`);

async function expectPullable(location: string, bytes: Buffer): Promise<void> {
  const res = await env.client.raw('GET', location);
  expect({ status: res.status, same: res.body.equals(bytes) }).toEqual({ status: 200, same: true });
}

describe('pushing blobs monolithically', () => {
  distTest(
    'POST opens a session: 202 with a Location unique to it',
    { workflow: 'push', requirements: ['dist:push.blob.session'] },
    async () => {
      const first = await openUpload(env, env.repo);
      const second = await openUpload(env, env.repo);
      expect(first).not.toBe(second);
    },
  );

  distTest(
    'POST then PUT ?digest=: 201, a pullable Location and Docker-Content-Digest',
    { workflow: 'push', requirements: ['dist:push.blob.session', 'dist:push.blob.put'] },
    async () => {
      const bytes = blob('post-put');
      const digest = digestOf(bytes);
      const res = await close(env, await openUpload(env, env.repo), digest, bytes);
      env.ledger.blob(env.repo, digest);
      expect({ status: res.status, digest: headerValue(res, 'docker-content-digest') }).toEqual({
        status: 201,
        digest,
      });
      await expectPullable(locationOf(res), bytes);
    },
  );

  distTest(
    'single POST ?digest=: 201 with a pullable Location, or 202 with a Location the PUT completes',
    { workflow: 'push', requirements: ['dist:push.blob.single-post', 'dist:push.blob.put'] },
    async () => {
      const bytes = blob('single-post');
      const digest = digestOf(bytes);
      const res = await env.client.raw('POST', `/v2/${env.repo}/blobs/uploads/`, {
        body: bytes,
        query: { digest },
        headers: { 'content-type': 'application/octet-stream' },
      });
      env.ledger.blob(env.repo, digest);
      expect([201, 202]).toContain(res.status);
      if (res.status === 201) {
        await expectPullable(locationOf(res), bytes);
        return;
      }
      const session = locationOf(res);
      env.ledger.upload(session);
      // Not stored yet: the registry opened a session instead.
      expect((await env.client.raw('HEAD', `/v2/${env.repo}/blobs/${digest}`)).status).toBe(404);
      const put = await close(env, session, digest, bytes);
      expect(put.status).toBe(201);
      await expectPullable(locationOf(put), bytes);
    },
  );

  distTest(
    'POST ?digest-algorithm=sha512 then PUT with a sha512 digest: the blob is addressed by it',
    { workflow: 'push', requirements: ['dist:push.blob.digest-algorithm', 'dist:push.blob.put'] },
    async () => {
      const bytes = blob('sha512');
      const digest = digestOf(bytes, 'sha512');
      const res = await close(
        env,
        await openUpload(env, env.repo, { 'digest-algorithm': 'sha512' }),
        digest,
        bytes,
      );
      env.ledger.blob(env.repo, digest);
      expect(res.status).toBe(201);
      const head = await env.client.raw('HEAD', `/v2/${env.repo}/blobs/${digest}`);
      expect({ status: head.status, length: headerValue(head, 'content-length') }).toEqual({
        status: 200,
        length: String(bytes.length),
      });
    },
  );

  distTest(
    'a zero-byte blob can be pushed and pulled',
    { workflow: 'push', requirements: ['dist:push.blob.put'] },
    async () => {
      const digest = digestOf('');
      const res = await close(env, await openUpload(env, env.repo), digest);
      env.ledger.blob(env.repo, digest);
      expect(res.status).toBe(201);
      await expectPullable(locationOf(res), Buffer.alloc(0));
    },
  );

  distTest(
    'pushing a blob the repository already holds succeeds again (201)',
    { workflow: 'push', requirements: ['dist:push.blob.put'] },
    async () => {
      const bytes = blob('twice');
      const digest = digestOf(bytes);
      env.ledger.blob(env.repo, digest);
      const first = await close(env, await openUpload(env, env.repo), digest, bytes);
      const second = await close(env, await openUpload(env, env.repo), digest, bytes);
      expect([first.status, second.status]).toEqual([201, 201]);
    },
  );

  distTest(
    'a malformed digest on the closing PUT: 400',
    { workflow: 'push', requirements: ['dist:push.blob.invalid-digest', 'dist:errors.code.digest-invalid'] },
    async () => {
      const res = await close(env, await openUpload(env, env.repo), 'sha256:zz', blob('malformed'));
      expectError(res, 400, 'DIGEST_INVALID');
    },
  );
});
