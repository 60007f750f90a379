import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { digestOf, headerValue, type RawResponse } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { useRegistry } from './support/registry-env.js';
import { close, locationOf, openUpload, patch } from './support/upload-steps.js';

const env = useRegistry('push-chunks');
const CHUNK = 16;
const blob = () => Buffer.from(`shipshape chunked ${randomBytes(16).toString('hex')} ${'.'.repeat(20)}\n`);
const step = (res: RawResponse) => ({ status: res.status, range: headerValue(res, 'range') });

/** POST, then PATCH `bytes` in CHUNK-sized pieces with Content-Range; returns the latest Location. */
async function upload(bytes: Buffer, upTo = bytes.length): Promise<string> {
  let location = await openUpload(env, env.repo);
  for (let start = 0; start < upTo; start += CHUNK) {
    const end = Math.min(start + CHUNK, upTo) - 1;
    const res = await patch(env, location, bytes.subarray(start, end + 1), `${start}-${end}`);
    expect(step(res)).toEqual({ status: 202, range: `0-${end}` });
    location = locationOf(res);
    env.ledger.upload(location);
  }
  return location;
}

describe('pushing a blob in chunks', () => {
  distTest(
    'PATCH chunks in order (202, Location, Range each), then PUT ?digest= without body: 201',
    { workflow: 'push', requirements: ['dist:push.chunk.patch', 'dist:push.blob.put'] },
    async () => {
      const bytes = blob();
      const digest = digestOf(bytes);
      const res = await close(env, await upload(bytes), digest);
      env.ledger.blob(env.repo, digest);
      expect({ status: res.status, digest: headerValue(res, 'docker-content-digest') }).toEqual({
        status: 201,
        digest,
      });
      const got = await env.client.raw('GET', locationOf(res));
      expect(got.body.equals(bytes)).toBe(true);
    },
  );

  distTest(
    'the final chunk may travel in the closing PUT with its Content-Range: 201',
    { workflow: 'push', requirements: ['dist:push.chunk.final-put'] },
    async () => {
      const bytes = blob();
      const digest = digestOf(bytes);
      const at = 2 * CHUNK;
      const res = await close(
        env,
        await upload(bytes, at),
        digest,
        bytes.subarray(at),
        `${at}-${bytes.length - 1}`,
      );
      env.ledger.blob(env.repo, digest);
      expect(res.status).toBe(201);
      expect((await env.client.raw('GET', `/v2/${env.repo}/blobs/${digest}`)).body.equals(bytes)).toBe(true);
    },
  );

  distTest(
    'GET on the upload Location: 204 with Location and Range: 0-<last byte received>',
    { workflow: 'push', requirements: ['dist:push.upload.status'] },
    async () => {
      const location = await upload(blob(), 2 * CHUNK);
      const res = await env.client.raw('GET', location);
      expect(step(res)).toEqual({ status: 204, range: `0-${2 * CHUNK - 1}` });
      expect(locationOf(res)).toBeTruthy();
    },
  );

  distTest(
    'GET with the Location the POST gave, after a PATCH: 204 with the current Range',
    { workflow: 'push', requirements: ['dist:push.upload.status'] },
    async () => {
      const first = await openUpload(env, env.repo);
      const bytes = blob();
      const res = await patch(env, first, bytes.subarray(0, CHUNK), `0-${CHUNK - 1}`);
      expect(res.status).toBe(202);
      env.ledger.upload(locationOf(res));
      expect(step(await env.client.raw('GET', first))).toEqual({ status: 204, range: `0-${CHUNK - 1}` });
    },
  );

  distTest(
    'a chunk that leaves a gap answers 416, and the upload keeps its offset',
    { workflow: 'push', requirements: ['dist:push.chunk.in-order'] },
    async () => {
      const bytes = blob();
      const location = await upload(bytes, CHUNK);
      const res = await patch(
        env,
        location,
        bytes.subarray(2 * CHUNK, 3 * CHUNK),
        `${2 * CHUNK}-${3 * CHUNK - 1}`,
      );
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expect(res.status).toBe(416);
      expect(step(await env.client.raw('GET', location))).toEqual({ status: 204, range: `0-${CHUNK - 1}` });
    },
  );

  distTest(
    'resending the previous chunk answers 416',
    { workflow: 'push', requirements: ['dist:push.chunk.in-order'] },
    async () => {
      const bytes = blob();
      const location = await upload(bytes, CHUNK);
      const res = await patch(env, location, bytes.subarray(0, CHUNK), `0-${CHUNK - 1}`);
      if (res.status === 202) env.ledger.upload(locationOf(res));
      expect(res.status).toBe(416);
    },
  );

  distTest(
    'a final chunk out of order in the closing PUT answers 416',
    { workflow: 'push', requirements: ['dist:push.chunk.final-in-order'] },
    async () => {
      const bytes = blob();
      const digest = digestOf(bytes);
      const location = await upload(bytes, CHUNK);
      const from = CHUNK + 4;
      const res = await close(env, location, digest, bytes.subarray(from), `${from}-${bytes.length - 1}`);
      if (res.status === 201) env.ledger.blob(env.repo, digest);
      expect(res.status).toBe(416);
    },
  );
});
