import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from './client.js';
import { digestOf } from './digest.js';
import { PushedContent, REGISTRY_URL, registryAnswers, uniqueRepo } from './real-registry.js';

const available = await registryAnswers();
const client = new RegistryClient(REGISTRY_URL);
const pushed = new PushedContent(client);

afterAll(async () => {
  if (available) expect(await pushed.clean()).toEqual([]);
  await client.close();
});

describe.skipIf(!available)(`blob reads and deletes on the real registry at ${REGISTRY_URL}`, () => {
  it('reads a byte range as 206 with Content-Range, and a range past the end as 416', async () => {
    const name = uniqueRepo('range');
    const bytes = Buffer.from('0123456789abcdefghij');
    const digest = digestOf(bytes);
    await client.uploads.pushMonolithic(name, bytes);
    pushed.blob(name, digest);
    const part = await client.blobs.get(name, digest, { range: { start: 5, end: 9 } });
    expect(part).toMatchObject({
      status: 206,
      partial: true,
      size: 5,
      contentRange: { start: 5, end: 9, total: 20 },
    });
    expect(part.bytes.toString()).toBe('56789');
    const tail = await client.blobs.get(name, digest, { range: { start: 15 } });
    expect(tail.bytes.toString()).toBe('fghij');
    // 2.8 announces the blob's Content-Length on the 416 but sends less and closes the connection.
    const past = await client.raw('GET', `/v2/${name}/blobs/${digest}`, {
      headers: { range: 'bytes=100-200' },
    });
    expect({ status: past.status, contentRange: past.headers['content-range'] }).toEqual({
      status: 416,
      contentRange: 'bytes */20',
    });
    await expect(client.blobs.get(name, digest, { range: { start: 100 } })).rejects.toMatchObject({
      status: 416,
    });
  });

  it('deletes a blob: 202, then HEAD 404 and GET BLOB_UNKNOWN; a second delete is BLOB_UNKNOWN', async () => {
    const name = uniqueRepo('delete');
    const bytes = Buffer.from(`delete me ${name}`);
    const digest = digestOf(bytes);
    await client.uploads.pushMonolithic(name, bytes);
    pushed.blob(name, digest);
    await client.blobs.delete(name, digest);
    expect(await client.blobs.exists(name, digest)).toBe(false);
    await expect(client.blobs.get(name, digest)).rejects.toMatchObject({
      status: 404,
      codes: ['BLOB_UNKNOWN'],
    });
    await expect(client.blobs.delete(name, digest)).rejects.toMatchObject({
      status: 404,
      codes: ['BLOB_UNKNOWN'],
    });
  });

  it('answers BLOB_UNKNOWN (not NAME_UNKNOWN) for a blob in a repository that does not exist', async () => {
    const err = await client.blobs.get(uniqueRepo('no-repo'), digestOf('nothing')).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, codes: ['BLOB_UNKNOWN'] });
    const head = await client.blobs.head(uniqueRepo('no-repo'), digestOf('nothing')).catch((e: unknown) => e);
    expect(head).toMatchObject({ status: 404, codes: [] }); // HEAD has no body to carry a code
  });

  it('answers DIGEST_INVALID for a malformed blob digest', async () => {
    const res = await client.raw('GET', `/v2/${uniqueRepo('bad')}/blobs/sha256:abc`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString()).errors[0].code).toBe('DIGEST_INVALID');
  });
});
