import { describe, expect, it } from 'vitest';
import { containerAction, headerOf, proxiedRequest, urlOf, withoutHeaders } from './route.js';

describe('proxiedRequest', () => {
  it('splits version prefix, route and query', () => {
    const r = proxiedRequest('POST', '/v1.41/containers/abc/start?x=1');
    expect(r).toMatchObject({ version: '1.41', route: '/containers/abc/start' });
    expect(r.query.get('x')).toBe('1');
    expect(proxiedRequest('GET', '/_ping')).toMatchObject({ version: undefined, route: '/_ping' });
    expect(proxiedRequest('GET', '/v2/version')).toMatchObject({ version: '2', route: '/version' });
    expect(containerAction(r, 'POST', 'start')).toBe(true);
    expect(containerAction(r, 'POST', 'stop')).toBe(false);
  });

  it('rebuilds the url with another version or query', () => {
    const r = proxiedRequest('GET', '/v99.0/containers/json?all=1');
    expect(urlOf({ ...r, version: '1.41' })).toBe('/v1.41/containers/json?all=1');
    expect(urlOf(r, new URLSearchParams())).toBe('/v99.0/containers/json');
  });
});

describe('headers', () => {
  it('finds and drops headers whatever their case', () => {
    const head = {
      status: 200,
      headers: [
        ['Api-Version', '1.41'],
        ['Content-Type', 'text/plain'],
      ] as const,
    };
    expect(headerOf(head, 'API-VERSION')).toBe('1.41');
    expect(withoutHeaders(head, 'api-version').headers).toEqual([['Content-Type', 'text/plain']]);
  });
});
