import { afterEach, describe, expect, it } from 'vitest';
import { EngineUnreachableError, TimeoutError } from '../../errors.js';
import { RegistryClient } from './client.js';
import { digestOf } from './digest.js';
import { RegistryError, RegistryProtocolError } from './errors.js';
import { type FakeHandler, type FakeServer, reply, startFake } from './fake-server.js';

const opened: { fake: FakeServer; client: RegistryClient }[] = [];

async function fakeRegistry(handler: FakeHandler, timeoutMs = 2_000) {
  const fake = await startFake(handler);
  const client = new RegistryClient(fake.url, { timeoutMs });
  opened.push({ fake, client });
  return { fake, client };
}

afterEach(async () => {
  for (const { fake, client } of opened.splice(0)) {
    await client.close();
    await fake.close();
  }
});

describe('RegistryClient against a scripted fake', () => {
  it('follows relative Locations and keeps their query state through a chunked upload', async () => {
    const bytes = Buffer.from('0123456789');
    const digest = digestOf(bytes);
    const { fake, client } = await fakeRegistry((req, res) => {
      if (req.method === 'POST') return reply(res, 202, { location: '/v2/a/b/blobs/uploads/u1?_state=s0' });
      if (req.method === 'PATCH') {
        const end = /-(\d+)$/.exec(String(req.headers['content-range']))?.[1] ?? '';
        // Relative to the request path: resolves to /v2/a/b/blobs/uploads/u1?_state=s<end>.
        return reply(res, 202, { location: `u1?_state=s${end}`, range: `0-${end}` });
      }
      if (req.method === 'PUT')
        return reply(res, 201, { location: `../${digest}`, 'docker-content-digest': digest });
      reply(res, 500);
    });
    const pushed = await client.uploads.pushChunked('a/b', bytes, 4);
    expect(fake.seen.map((r) => `${r.method} ${r.url} ${r.headers['content-range'] ?? ''}`)).toEqual([
      'POST /v2/a/b/blobs/uploads/ ',
      'PATCH /v2/a/b/blobs/uploads/u1?_state=s0 0-3',
      'PATCH /v2/a/b/blobs/uploads/u1?_state=s3 4-7',
      'PATCH /v2/a/b/blobs/uploads/u1?_state=s7 8-9',
      `PUT /v2/a/b/blobs/uploads/u1?_state=s9&digest=${encodeURIComponent(digest)} `,
    ]);
    expect(fake.seen[0]?.headers['content-length']).toBe('0');
    expect(Buffer.concat(fake.seen.slice(1, 4).map((r) => r.body))).toEqual(bytes);
    expect(pushed.location).toBe(`${fake.url}/v2/a/b/blobs/${digest}`);
  });

  it('falls back to PUT when a single POST is answered 202, following an absolute Location elsewhere', async () => {
    const bytes = Buffer.from('monolithic');
    const digest = digestOf(bytes);
    const offload = await fakeRegistry((_req, res) => reply(res, 201, { location: '/v2/r/blobs/x' }));
    const { fake, client } = await fakeRegistry((_req, res) =>
      reply(res, 202, { location: `${offload.fake.url}/upload/1?sig=abc` }),
    );
    const pushed = await client.uploads.pushMonolithic('r', bytes);
    expect(fake.seen[0]?.url).toBe(`/v2/r/blobs/uploads/?digest=${encodeURIComponent(digest)}`);
    expect(fake.seen[0]?.body).toEqual(bytes);
    expect(offload.fake.seen[0]).toMatchObject({
      method: 'PUT',
      url: `/upload/1?sig=abc&digest=${encodeURIComponent(digest)}`,
    });
    expect(offload.fake.seen[0]?.body).toEqual(bytes);
    expect(offload.fake.seen[0]?.headers['content-range']).toBeUndefined();
    expect(pushed.location).toBe(`${offload.fake.url}/v2/r/blobs/x`);
  });

  it('follows Link rel="next" across pages and bounds the page count', async () => {
    const pages: Record<string, [string[], string?]> = {
      '/v2/r/tags/list?n=2': [['a', 'b'], '</v2/r/tags/list?n=2&last=b>; rel="next"'],
      '/v2/r/tags/list?n=2&last=b': [['c', 'd'], '<list?n=2&last=d>; rel="next"'],
      '/v2/r/tags/list?n=2&last=d': [['e']],
    };
    const { fake, client } = await fakeRegistry((req, res) => {
      const [tags, link] = pages[req.url] ?? [[]];
      reply(res, 200, link ? { link } : {}, { name: 'r', tags });
    });
    const all = await client.tags.listAll('r', { pageSize: 2 });
    expect(all).toEqual({ name: 'r', tags: ['a', 'b', 'c', 'd', 'e'], pages: 3 });
    expect(fake.seen.map((r) => r.url)).toEqual(Object.keys(pages));

    let served = 0;
    const looping = await fakeRegistry((_req, res) =>
      reply(res, 200, { link: '</v2/r/tags/list>; rel="next"' }, { name: 'r', tags: [`x${served++}`] }),
    );
    await expect(looping.client.tags.listAll('r', { maxPages: 3 })).rejects.toBeInstanceOf(
      RegistryProtocolError,
    );
    expect(looping.fake.seen).toHaveLength(3);
  });

  it('turns a server that stalls into a TimeoutError', async () => {
    const { client } = await fakeRegistry(() => {}, 300);
    const started = Date.now();
    const err = await client.ping().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('turns a stalled body into a TimeoutError too', async () => {
    const { client } = await fakeRegistry((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    }, 300);
    await expect(client.raw('GET', '/v2/')).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reports a refused connection as EngineUnreachableError', async () => {
    const fake = await startFake(() => {});
    await fake.close();
    const client = new RegistryClient(fake.url, { timeoutMs: 2_000 });
    await expect(client.ping()).rejects.toBeInstanceOf(EngineUnreachableError);
    await client.close();
  });

  it('makes a clear RegistryError of an error body that is not JSON, and parses one that is', async () => {
    const { client } = await fakeRegistry((req, res) => {
      if (req.url.includes('text'))
        return reply(res, 502, { 'content-type': 'text/html' }, '<h1>bad gateway</h1>');
      reply(res, 404, {}, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'gone', detail: { Tag: 'x' } }] });
    });
    const text = await client.manifests.get('text', 'latest').catch((e: unknown) => e);
    expect(text).toBeInstanceOf(RegistryError);
    expect(text).toMatchObject({
      status: 502,
      codes: [],
      bodyText: '<h1>bad gateway</h1>',
      code: 'ENGINE_ERROR',
    });
    expect((text as Error).message).toBe(
      'GET manifest text:latest: 502 (no error codes) <h1>bad gateway</h1>',
    );

    const json = (await client.manifests.get('json', 'x').catch((e: unknown) => e)) as RegistryError;
    expect(json.codes).toEqual(['MANIFEST_UNKNOWN']);
    expect(json.errors[0]?.detail).toEqual({ Tag: 'x' });
    expect(json.message).toBe('GET manifest json:x: 404 MANIFEST_UNKNOWN: gone');
  });

  it('raw() returns any status with headers and body, sending query and headers', async () => {
    const { fake, client } = await fakeRegistry((_req, res) => reply(res, 500, { 'x-thing': 'yes' }, 'boom'));
    const res = await client.raw('PUT', '/v2/r/manifests/t', {
      headers: { 'content-type': 'application/x-test' },
      body: 'payload',
      query: { tag: ['a', 'b'], n: 3 },
    });
    expect(res).toMatchObject({ status: 500, headers: { 'x-thing': 'yes' } });
    expect(res.body.toString()).toBe('boom');
    expect(fake.seen[0]).toMatchObject({ method: 'PUT', url: '/v2/r/manifests/t?tag=a&tag=b&n=3' });
    expect(fake.seen[0]?.headers['content-type']).toBe('application/x-test');
    expect(fake.seen[0]?.body.toString()).toBe('payload');
  });

  it('rejects a manifest whose bytes do not match Docker-Content-Digest', async () => {
    const body = JSON.stringify({ schemaVersion: 2 });
    const { client } = await fakeRegistry((_req, res) =>
      reply(
        res,
        200,
        { 'docker-content-digest': digestOf('other'), 'content-type': 'application/json' },
        body,
      ),
    );
    await expect(client.manifests.get('r', 'latest')).rejects.toBeInstanceOf(RegistryProtocolError);
    await expect(client.manifests.get('r', digestOf('other'))).rejects.toThrow(/does not match/);
  });

  it('rejects a PATCH acknowledgement that does not cover the chunk, and a PUT digest that is not ours', async () => {
    const { client } = await fakeRegistry((req, res) => {
      if (req.method === 'POST') return reply(res, 202, { location: '/v2/r/blobs/uploads/u' });
      if (req.method === 'PATCH') return reply(res, 202, { location: '/v2/r/blobs/uploads/u', range: '0-1' });
      reply(res, 201, { location: '/v2/r/manifests/x', 'docker-content-digest': digestOf('something else') });
    });
    const session = await client.uploads.start('r');
    await expect(client.uploads.patch(session, Buffer.from('abcd'))).rejects.toThrow(
      /acknowledged Range 0-1, expected 0-3/,
    );
    const manifest = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json' }),
    );
    await expect(client.manifests.put('r', 'v1', manifest)).rejects.toThrow(/registry says digest sha256:/);
  });

  it('reports a 404 from the referrers endpoint as unsupported, and reads a 200 index', async () => {
    const subject = digestOf('subject');
    const index = {
      schemaVersion: 2,
      manifests: [{ mediaType: 'm', digest: digestOf('x'), size: 1, artifactType: 't' }],
    };
    const { fake, client } = await fakeRegistry((req, res) => {
      if (req.url.startsWith('/v2/none/')) return reply(res, 404, {}, '404 page not found');
      reply(
        res,
        200,
        { 'oci-filters-applied': 'artifactType', 'content-type': 'application/vnd.oci.image.index.v1+json' },
        index,
      );
    });
    const none = await client.referrers.list('none', subject);
    expect(none).toMatchObject({ supported: false, status: 404 });
    expect(none.supported ? '' : none.reason).toMatch(/unsupported/);
    const some = await client.referrers.list('some', subject, { artifactType: 't' });
    expect(some).toMatchObject({
      supported: true,
      filtersApplied: ['artifactType'],
      manifests: index.manifests,
    });
    expect(fake.seen[1]?.url).toBe(`/v2/some/referrers/${subject}?artifactType=t`);
  });
});
