import { describe, expect, it } from 'vitest';
import { parseRuntimeVersion } from './version.js';

describe('parseRuntimeVersion', () => {
  it('reads runc output', () => {
    const out =
      'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4\n';
    expect(parseRuntimeVersion(out, 'x')).toMatchObject({
      product: 'runc',
      version: '1.1.5+ds1',
      spec: '1.0.2-dev',
      commit: '1.1.5+ds1-1+deb12u1',
      details: { go: 'go1.19.8', libseccomp: '2.5.4' },
    });
  });

  it('reads crun output including its feature line', () => {
    const out =
      'crun version 1.8.1\ncommit: f8a096be\nrundir: /run/crun\nspec: 1.0.0\n+SYSTEMD +SELINUX +CAP\n';
    expect(parseRuntimeVersion(out, 'x')).toMatchObject({ product: 'crun', version: '1.8.1', spec: '1.0.0' });
  });

  it('falls back to the given product name when there is no banner', () => {
    expect(parseRuntimeVersion('garbage', 'shiprun')).toMatchObject({
      product: 'shiprun',
      version: 'unknown',
    });
  });
});
