import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../errors.js';
import { normalizeHostConfig } from './host-config.js';

describe('normalizeHostConfig: links and the network mode', () => {
  it('refuses links with the host network or another container’s (dockerd’s 400 and words)', () => {
    expect(() => normalizeHostConfig({ NetworkMode: 'host', Links: ['db:db'] })).toThrow(InvalidArgument);
    expect(() => normalizeHostConfig({ NetworkMode: 'host', Links: ['db:db'] })).toThrow(
      "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
    );
    expect(() => normalizeHostConfig({ NetworkMode: 'container:other', Links: ['db'] })).toThrow(
      "conflicting options: container type network can't be used with links. This would result in undefined behavior",
    );
  });

  it('takes links with the none and default networks, and no links (empty or null) with any', () => {
    expect(normalizeHostConfig({ NetworkMode: 'none', Links: ['db:db'] }).NetworkMode).toBe('none');
    expect(normalizeHostConfig({ Links: ['db:db'] }).NetworkMode).toBe('default');
    expect(normalizeHostConfig({ NetworkMode: 'host', Links: [] }).NetworkMode).toBe('host');
    expect(normalizeHostConfig({ NetworkMode: 'host', Links: null }).NetworkMode).toBe('host');
    expect(normalizeHostConfig({ NetworkMode: 'container:other' }).NetworkMode).toBe('container:other');
  });
});

describe('normalizeHostConfig: values as dockerd stores them', () => {
  it('fills HostIp and HostPort of each port binding, keeps null and empty lists', () => {
    const h = normalizeHostConfig({
      PortBindings: { '80/tcp': [{}, { HostPort: '8080' }], '81/tcp': null, '82/tcp': [] },
    });
    expect(h.PortBindings).toEqual({
      '80/tcp': [
        { HostIp: '', HostPort: '' },
        { HostIp: '', HostPort: '8080' },
      ],
      '81/tcp': null,
      '82/tcp': [],
    });
  });

  it('stores a PidsLimit of 0 or below as null, keeps a positive one', () => {
    expect(normalizeHostConfig({ PidsLimit: 0 }).PidsLimit).toBeNull();
    expect(normalizeHostConfig({ PidsLimit: -1 }).PidsLimit).toBeNull();
    expect(normalizeHostConfig({ PidsLimit: 64 }).PidsLimit).toBe(64);
    expect(normalizeHostConfig({}).PidsLimit).toBeUndefined();
  });
});
