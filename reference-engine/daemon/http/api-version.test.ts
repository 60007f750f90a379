import { describe, expect, it } from 'vitest';
import { applyVersionPrefix, compareVersions } from './api-version.js';

describe('applyVersionPrefix', () => {
  it.each(['1.24', '1.30', '1.40', '1.41'])('strips a supported /v%s and keeps the version', (v) => {
    expect(applyVersionPrefix(`/v${v}/containers/json?all=1`)).toEqual({
      ok: true,
      path: '/containers/json?all=1',
      version: v,
    });
  });

  it('serves an unversioned path at 1.41', () => {
    expect(applyVersionPrefix('/_ping')).toEqual({ ok: true, path: '/_ping', version: '1.41' });
  });

  it.each([
    ['/v1.42/version', 'client version 1.42 is too new. Maximum supported API version is 1.41'],
    ['/v2/version', 'client version 2 is too new. Maximum supported API version is 1.41'],
    ['/v99.0/version', 'client version 99.0 is too new. Maximum supported API version is 1.41'],
  ])('refuses %s as too new, in dockerd words', (url, message) => {
    expect(applyVersionPrefix(url)).toEqual({ ok: false, path: '/version', message });
  });

  it.each(['/v1.23/version', '/v1.12/version', '/v1.0/version'])('refuses %s as too old', (url) => {
    const rule = applyVersionPrefix(url);
    expect(rule.ok).toBe(false);
    expect(!rule.ok && rule.message).toMatch(
      /^client version 1\.\d+ is too old\. Minimum supported API version is 1\.24/,
    );
  });

  it('leaves a prefix that is not digits and dots alone (it routes to 404)', () => {
    expect(applyVersionPrefix('/v1.x/version')).toEqual({ ok: true, path: '/v1.x/version', version: '1.41' });
    expect(applyVersionPrefix('/volumes')).toEqual({ ok: true, path: '/volumes', version: '1.41' });
  });

  it('a bare version prefix is the root path', () => {
    expect(applyVersionPrefix('/v1.41')).toEqual({ ok: true, path: '/', version: '1.41' });
    expect(applyVersionPrefix('/v1.41?x=1')).toEqual({ ok: true, path: '/?x=1', version: '1.41' });
  });
});

describe('compareVersions', () => {
  it('compares numerically, a missing part being 0', () => {
    expect(compareVersions('1.9', '1.10')).toBe(-1);
    expect(compareVersions('1.41', '1.41.0')).toBe(0);
    expect(compareVersions('2', '1.41')).toBe(1);
  });
});
