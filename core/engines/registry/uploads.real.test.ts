import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './client.js';
import { digestOf } from './digest.js';
import { RegistryError } from './errors.js';
import { PushedContent, REGISTRY_URL, registryAnswers, uniqueRepo } from './real-registry.js';

const available = await registryAnswers();
const client = new RegistryClient(REGISTRY_URL);
const pushed = new PushedContent(client);
const blob = (label: string) => Buffer.from(`shipshape ${label} ${uniqueRepo('blob')}\n`.repeat(3));

afterAll(async () => {
  if (available) expect(await pushed.clean()).toEqual([]);
  await client.close();
});

describe.skipIf(!available)(`blob uploads on the real registry at ${REGISTRY_URL}`, () => {
  it('pushes monolithically (2.8 answers the single POST with 202, the client PUTs) and reads it back', async () => {
    const name = uniqueRepo('mono');
    const bytes = blob('mono');
    const digest = digestOf(bytes);
    const post = await client.raw('POST', `/v2/${name}/blobs/uploads/`, { body: bytes, query: { digest } });
    expect(post.status).toBe(202); // 2.8 has no single-POST upload; it opens a session instead
    await client.uploads.cancel({
      name,
      location: new URL(String(post.headers.location), post.url).href,
      offset: 0,
    });

    const result = await client.uploads.pushMonolithic(name, bytes);
    pushed.blob(name, digest);
    expect(result).toMatchObject({
      status: 201,
      digest,
      location: `${REGISTRY_URL}/v2/${name}/blobs/${digest}`,
    });
    expect(await client.blobs.head(name, digest)).toMatchObject({ status: 200, digest, size: bytes.length });
    expect((await client.blobs.get(name, digest)).bytes).toEqual(bytes);
  });

  it('pushes with POST then PUT', async () => {
    const name = uniqueRepo('postput');
    const bytes = blob('post-put');
    const result = await client.uploads.pushPostPut(name, bytes);
    pushed.blob(name, digestOf(bytes));
    expect(result.status).toBe(201);
    expect(await client.blobs.exists(name, digestOf(bytes))).toBe(true);
  });

  it('pushes in chunks, reports progress with GET, and accepts the last chunk in the PUT', async () => {
    const name = uniqueRepo('chunked');
    const bytes = blob('chunked');
    const digest = digestOf(bytes);
    let session = await client.uploads.start(name);
    session = await client.uploads.patch(session, bytes.subarray(0, 10));
    session = await client.uploads.patch(session, bytes.subarray(10, 20));
    expect(session.offset).toBe(20);
    expect(await client.uploads.status(session)).toMatchObject({ range: '0-19', lastByte: 19 });
    const done = await client.uploads.complete(session, digest, bytes.subarray(20));
    pushed.blob(name, digest);
    expect(done).toMatchObject({ status: 201, digest });
    expect((await client.blobs.get(name, digest)).bytes).toEqual(bytes);

    const other = uniqueRepo('chunked');
    await client.uploads.pushChunked(other, bytes, 7);
    pushed.blob(other, digest);
    expect((await client.blobs.head(other, digest)).size).toBe(bytes.length);
  });

  it('cancels an upload: 204, then the session is BLOB_UPLOAD_UNKNOWN', async () => {
    const name = uniqueRepo('cancel');
    const session = await client.uploads.patch(await client.uploads.start(name), Buffer.from('partial'));
    await client.uploads.cancel(session);
    const err = await client.uploads.status(session).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ status: 404, codes: ['BLOB_UPLOAD_UNKNOWN'] });
  });

  it('mounts a blob across repositories (201), and answers 202 with a session for an unknown blob', async () => {
    const from = uniqueRepo('mount-src');
    const into = uniqueRepo('mount-dst');
    const bytes = blob('mount');
    const digest = digestOf(bytes);
    await client.uploads.pushMonolithic(from, bytes);
    pushed.blob(from, digest);
    const mounted = await client.uploads.mount(into, digest, from);
    pushed.blob(into, digest);
    expect(mounted).toMatchObject({ mounted: true, blob: { status: 201, digest } });
    expect(await client.blobs.exists(into, digest)).toBe(true);

    const missing = await client.uploads.mount(into, digestOf('never pushed'), from);
    expect(missing.mounted).toBe(false);
    if (!missing.mounted) await client.uploads.cancel(missing.session);
  });

  it('rejects a wrong digest on the closing PUT with 400 DIGEST_INVALID', async () => {
    const name = uniqueRepo('baddigest');
    const session = await client.uploads.patch(await client.uploads.start(name), Buffer.from('abc'));
    const err = await client.uploads.complete(session, digestOf('not abc')).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, codes: ['DIGEST_INVALID'] });
    const malformed = await client.raw('PUT', (await client.uploads.start(name)).location, {
      query: { digest: 'sha256:zz' },
    });
    expect(malformed.status).toBe(400);
  });

  it('2.8: a stale upload Location is 404 BLOB_UPLOAD_INVALID; an out-of-order chunk is appended (no 416)', async () => {
    const name = uniqueRepo('order');
    const first = await client.uploads.start(name);
    const second = await client.uploads.patch(first, Buffer.from('abcde'));
    const stale = await client.raw('PATCH', first.location, {
      body: 'fghij',
      headers: { 'content-type': 'application/octet-stream', 'content-range': '5-9' },
    });
    expect(stale.status).toBe(404);
    expect(String(stale.body)).toContain('BLOB_UPLOAD_INVALID');
    // Spec: a chunk that does not start at the current offset MUST get 416. 2.8 ignores Content-Range.
    const gap = await client.raw('PATCH', second.location, {
      body: 'fghij',
      headers: { 'content-type': 'application/octet-stream', 'content-range': '10-14' },
    });
    expect({ status: gap.status, range: gap.headers.range }).toEqual({ status: 202, range: '0-9' });
    await client.raw('DELETE', new URL(String(gap.headers.location), gap.url).href);
  });
});
