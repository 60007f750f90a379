import { describe, expect, it } from 'vitest';
import { InvalidArgument } from '../../errors.js';
import { checkCreateBody, checkUpdateBody } from './containers-body.js';

describe('container request bodies', () => {
  it('accepts a well-typed create body, nulls included', () => {
    const body = {
      Image: 'x',
      Cmd: ['a'],
      Env: null,
      Tty: true,
      Labels: { a: 'b' },
      StopTimeout: 3,
      HostConfig: {
        Binds: ['/a:/b'],
        Memory: 1 << 26,
        Mounts: [{ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 10 } }],
        RestartPolicy: { Name: 'always' },
        Devices: [{ PathOnHost: '/dev/null' }],
        PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }], '81/tcp': null },
      },
      ExposedPorts: { '80/tcp': {} },
      Volumes: { '/v': {}, '/w': null },
      Healthcheck: { Test: ['CMD', 'true'], Interval: 1e9, Retries: 3 },
      NetworkingConfig: { EndpointsConfig: { none: {} } },
    };
    expect(checkCreateBody(body)).toBe(body);
  });

  it('takes a string Cmd, Entrypoint or Shell as a list of one, as dockerd does', () => {
    const body = { Image: 'x', Cmd: 'echo hi', Entrypoint: '', Shell: '/bin/sh', Env: ['A=1'] };
    expect(checkCreateBody(body)).toEqual({
      Image: 'x',
      Cmd: ['echo hi'],
      Entrypoint: [''],
      Shell: ['/bin/sh'],
      Env: ['A=1'],
    });
    expect(checkCreateBody({ Cmd: ['a', 'b'] })).toEqual({ Cmd: ['a', 'b'] });
  });

  it.each([
    [undefined],
    [[]],
    ['text'],
    [{ Image: 5 }],
    [{ Cmd: 5 }],
    [{ Entrypoint: ['a', 1] }],
    [{ Shell: { a: 'b' } }],
    [{ Env: [1] }],
    [{ Tty: 'yes' }],
    [{ Labels: { a: 1 } }],
    [{ StopTimeout: 1.5 }],
    [{ HostConfig: [] }],
    [{ HostConfig: { Memory: '1g' } }],
    [{ HostConfig: { Binds: '/a:/b' } }],
    [{ HostConfig: { Mounts: [{ Target: 5 }] } }],
    [{ HostConfig: { Mounts: [{ Type: 'bind', BindOptions: { Propagation: 1 } }] } }],
    [{ HostConfig: { RestartPolicy: { Name: 1 } } }],
    [{ HostConfig: { Ulimits: [{ Name: 'nofile', Soft: '1' }] } }],
    [{ HostConfig: { Devices: [{ PathOnHost: 7 }] } }],
    [{ HostConfig: { LogConfig: { Type: 3 } } }],
    [{ HostConfig: { Tmpfs: { '/t': 1 } } }],
    // Found by the malformed-request fuzzer (core/fuzz): nested types were not checked.
    [{ HostConfig: { PortBindings: { '80/tcp': 1 } } }],
    [{ HostConfig: { PortBindings: { '80/tcp': [{ HostPort: 80 }] } } }],
    [{ ExposedPorts: { '80/tcp': 1 } }],
    [{ Volumes: { '/a': 'x' } }],
    [{ Healthcheck: { Interval: '1s' } }],
    [{ Healthcheck: { Test: 'CMD true' } }],
    [{ NetworkingConfig: { EndpointsConfig: true } }],
  ])('refuses %j with a 400', (body) => {
    expect(() => checkCreateBody(body)).toThrow(InvalidArgument);
  });

  it('checks update bodies too', () => {
    expect(checkUpdateBody({ Memory: 1 << 26, RestartPolicy: { Name: 'no' } })).toEqual({
      Memory: 1 << 26,
      RestartPolicy: { Name: 'no' },
    });
    expect(checkUpdateBody(undefined)).toEqual({});
    expect(() => checkUpdateBody({ CpuShares: 'lots' })).toThrow(InvalidArgument);
    expect(() => checkUpdateBody([])).toThrow(InvalidArgument);
  });
});
