import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { familiar, parseReference, parseTagged, repositoryOf } from './parse-reference.js';
import { referenceMatches } from './reference-glob.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it('normalises names like Docker', () => {
    expect(parseReference('busybox')).toEqual({ name: 'docker.io/library/busybox' });
    expect(parseReference('busybox:1.36')).toEqual({ name: 'docker.io/library/busybox', tag: '1.36' });
    expect(parseReference('docker.io/library/busybox:1')).toEqual({
      name: 'docker.io/library/busybox',
      tag: '1',
    });
    expect(parseReference('me/app')).toEqual({ name: 'docker.io/me/app' });
    expect(parseReference('localhost:5000/app:v1')).toEqual({ name: 'localhost:5000/app', tag: 'v1' });
    expect(parseReference('localhost/app')).toEqual({ name: 'localhost/app' });
    expect(parseReference(`quay.io/a/b@${digest}`)).toEqual({ name: 'quay.io/a/b', digest });
    expect(parseTagged('busybox')).toBe('docker.io/library/busybox:latest');
  });

  it('rejects malformed references', () => {
    for (const bad of [
      '',
      'Busybox',
      'a:b:c',
      'busybox:',
      'a@sha256:zz',
      'a//b',
      `a:${'x'.repeat(200)}`,
      '-a',
    ]) {
      expect(() => parseReference(bad), bad).toThrow(InvalidArgument);
    }
    expect(() => parseTagged(`busybox@${digest}`)).toThrow(InvalidArgument);
  });

  it('prints familiar forms and repositories', () => {
    expect(familiar('docker.io/library/busybox:latest')).toBe('busybox:latest');
    expect(familiar('docker.io/me/app:1')).toBe('me/app:1');
    expect(familiar('localhost:5000/app:1')).toBe('localhost:5000/app:1');
    expect(repositoryOf('localhost:5000/app:1')).toBe('localhost:5000/app');
    expect(repositoryOf('localhost:5000/app')).toBe('localhost:5000/app');
    expect(repositoryOf(`docker.io/library/a@${digest}`)).toBe('docker.io/library/a');
  });
});

describe('referenceMatches', () => {
  it('globs over the familiar reference or repository', () => {
    const ref = 'docker.io/library/busybox:latest';
    expect(referenceMatches('busy*:*', ref)).toBe(true);
    expect(referenceMatches('busybox', ref)).toBe(true);
    expect(referenceMatches('busybox:lat?st', ref)).toBe(true);
    expect(referenceMatches('busybox:[lx]atest', ref)).toBe(true);
    expect(referenceMatches('busy*:1', ref)).toBe(false);
    expect(referenceMatches('*', 'docker.io/me/app:1')).toBe(false);
    expect(referenceMatches('*/*', 'docker.io/me/app:1')).toBe(true);
    expect(referenceMatches('b.sybox', ref)).toBe(false);
  });
});
