import { describe, expect, it } from 'vitest';
import { ShipshapeError } from '../../errors.js';
import { parseDockerAddress } from './address.js';
import { compareApiVersions, negotiateApiVersion, versionedPath } from './api-version.js';
import { dechunk } from './chunked.js';
import { parseHttpHead } from './http-head.js';
import { withQuery } from './query.js';

describe('addresses', () => {
  it('parses unix, tcp and http forms', () => {
    expect(parseDockerAddress('unix:///var/run/docker.sock')).toMatchObject({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseDockerAddress('tcp://127.0.0.1:2375')).toMatchObject({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 2375,
    });
    expect(parseDockerAddress('http://[::1]:80')).toMatchObject({ kind: 'tcp', host: '::1', port: 80 });
    expect(parseDockerAddress('tcp://localhost:80')).toMatchObject({ port: 80 });
    expect(parseDockerAddress('tcp://localhost')).toMatchObject({ port: 2375 });
  });

  it('refuses other schemes with a USAGE error naming the scheme and the accepted ones', () => {
    const err = (() => {
      try {
        parseDockerAddress('ssh://user@host');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ShipshapeError);
    expect((err as ShipshapeError).code).toBe('USAGE');
    expect((err as Error).message).toMatch(/'ssh'.*unix:\/\/.*tcp:\/\/.*http:\/\//);
    expect(() => parseDockerAddress('/var/run/docker.sock')).toThrow(/no scheme/);
    expect(() => parseDockerAddress('unix://relative.sock')).toThrow(/absolute/);
  });
});

describe('API versions', () => {
  it('picks the lower of server and client maximum, numerically', () => {
    expect(negotiateApiVersion('1.40', '1.41')).toBe('1.40');
    expect(negotiateApiVersion('1.45', '1.41')).toBe('1.41');
    expect(negotiateApiVersion('1.9', '1.41')).toBe('1.9');
    expect(negotiateApiVersion(undefined, '1.41')).toBe('1.24');
    expect(compareApiVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(() => negotiateApiVersion('banana', '1.41')).toThrow(/not a version/);
    expect(versionedPath('1.41', '/info')).toBe('/v1.41/info');
  });
});

describe('wire helpers', () => {
  it('encodes filters as JSON and arrays as repeated keys', () => {
    expect(withQuery('/images/get', { names: ['a:1', 'b'], x: undefined })).toBe(
      '/images/get?names=a%3A1&names=b',
    );
    expect(decodeURIComponent(withQuery('/c', { filters: { label: ['k=v'] }, all: true }))).toBe(
      '/c?filters={"label":["k=v"]}&all=true',
    );
  });

  it('parses a response head and decodes a chunked body split anywhere', async () => {
    const head = parseHttpHead('HTTP/1.1 101 UPGRADED\r\nContent-Type: x\r\nUpgrade: tcp', 'test');
    expect(head).toMatchObject({
      status: 101,
      reason: 'UPGRADED',
      headers: { 'content-type': 'x', upgrade: 'tcp' },
    });
    expect(() => parseHttpHead('SSH-2.0', 'test')).toThrow(/bad HTTP status line/);
    const wire = Buffer.from('5\r\nhello\r\n1;ext=1\r\n \r\n6\r\nworld!\r\n0\r\n\r\n');
    const parts = async function* () {
      for (let i = 0; i < wire.length; i += 3) yield wire.subarray(i, i + 3);
    };
    const out: Buffer[] = [];
    for await (const piece of dechunk(parts())) out.push(piece);
    expect(Buffer.concat(out).toString()).toBe('hello world!');
  });
});
