import { describe, expect, it } from 'vitest';
import { registryBaseUrl } from './client.js';
import { digestMatches, digestOf, isDigest } from './digest.js';
import { parseErrorBody, RegistryError, registryError } from './errors.js';
import { nextLink } from './link.js';
import { bareMediaType } from './media-types.js';

describe('error bodies', () => {
  it('parses the spec shape and keeps detail of any JSON type', () => {
    const body = Buffer.from(
      JSON.stringify({
        errors: [{ code: 'BLOB_UNKNOWN', message: 'm', detail: 'sha256:x' }, { code: 'DENIED' }],
      }),
    );
    expect(parseErrorBody(body)).toEqual([
      { code: 'BLOB_UNKNOWN', message: 'm', detail: 'sha256:x' },
      { code: 'DENIED' },
    ]);
    const err = registryError({ status: 404, body }, 'GET blob');
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.has('DENIED')).toBe(true);
    expect(err.message).toBe('GET blob: 404 BLOB_UNKNOWN: m; DENIED');
  });

  it('yields no codes for bodies that are not the shape, and says so in the message', () => {
    for (const text of ['', 'oops', '[]', 'null', '{"errors":"x"}', '{"errors":[{"message":"no code"}]}']) {
      expect(parseErrorBody(Buffer.from(text))).toEqual([]);
    }
    expect(registryError({ status: 500, body: Buffer.alloc(0) }, 'PUT').message).toBe(
      'PUT: 500 (no error codes, empty body, status 500)',
    );
  });
});

describe('Link header', () => {
  it('finds rel="next" among several links, quoted or not', () => {
    expect(nextLink('</v2/r/tags/list?n=2&last=b>; rel="next"')).toBe('/v2/r/tags/list?n=2&last=b');
    expect(nextLink('<a,b>; rel="prev", <https://h/next?x=1>; rel=next')).toBe('https://h/next?x=1');
    expect(nextLink('<x>; title="a, rel=next"; rel="prev"')).toBeUndefined();
    expect(nextLink('<x>; rel="last next"')).toBe('x');
    expect(nextLink(undefined)).toBeUndefined();
    expect(nextLink('garbage')).toBeUndefined();
  });
});

describe('digests, media types, addresses', () => {
  it('computes and checks digests', () => {
    const d = digestOf('abc');
    expect(d).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestMatches(d, Buffer.from('abc'))).toBe(true);
    expect(digestMatches(d, Buffer.from('abd'))).toBe(false);
    expect(digestMatches(digestOf('abc', 'sha512'), Buffer.from('abc'))).toBe(true);
    expect(digestMatches('sha256:abc', Buffer.from('abc'))).toBe(false);
    expect(digestMatches('blake3:abc', Buffer.from('abc'))).toBeUndefined();
    expect([isDigest(d), isDigest('latest'), isDigest('v1.0')]).toEqual([true, false, false]);
  });

  it('strips Content-Type parameters', () => {
    expect(bareMediaType('application/JSON; charset=utf-8')).toBe('application/json');
    expect(bareMediaType(undefined)).toBeUndefined();
  });

  it('turns addresses into base URLs', () => {
    expect(registryBaseUrl('http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('tcp://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(() => registryBaseUrl('unix:///var/run/docker.sock')).toThrow(/not a registry address/);
  });
});
