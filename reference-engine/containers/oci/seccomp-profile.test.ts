import { describe, expect, it } from 'vitest';
import type { ContainerConfig, HostConfig } from '../../daemon/wire/containers.js';
import { buildOciSpec } from './oci-spec.js';
import { defaultSeccomp } from './seccomp-profile.js';

const spec = (host: HostConfig = {}) =>
  buildOciSpec({
    id: 'a'.repeat(64),
    config: { Cmd: ['true'] } as ContainerConfig,
    host,
    rootfs: '/r',
    user: { uid: 0, gid: 0, additionalGids: [0], home: '/root' },
    mounts: [],
    etc: { hostsPath: '/c/hosts', hostnamePath: '/c/hostname', resolvConfPath: '/c/resolv.conf' },
  });

const denied = (caps: readonly string[]) =>
  new Set(defaultSeccomp(caps).syscalls?.flatMap((s) => (s.args === undefined ? s.names : [])) ?? []);

describe("shipd's default seccomp profile", () => {
  it('is on by default and refuses what Docker refuses to a default container', () => {
    const s = spec().linux?.seccomp;
    expect(s?.defaultAction).toBe('SCMP_ACT_ALLOW');
    const names = denied([]);
    for (const call of [
      'keyctl',
      'add_key',
      'request_key',
      'mount',
      'umount2',
      'unshare',
      'setns',
      'bpf',
      'kexec_load',
    ])
      expect(names, call).toContain(call);
    const clone = s?.syscalls?.filter((r) => r.names.includes('clone')) ?? [];
    expect(clone.map((r) => r.args?.[0]?.value).sort()).toContain(0x10000000); // CLONE_NEWUSER
    expect(s?.syscalls?.find((r) => r.names.includes('clone3'))?.errnoRet).toBe(38);
  });

  it('lets a capability the container was granted use its calls', () => {
    expect(denied(['CAP_SYS_ADMIN'])).not.toContain('mount');
    expect(denied(['CAP_SYS_ADMIN'])).not.toContain('unshare');
    expect(denied(['CAP_SYS_TIME'])).not.toContain('settimeofday');
    expect(denied(['CAP_SYS_ADMIN'])).toContain('keyctl');
  });

  it('is off for a privileged container and with seccomp=unconfined', () => {
    expect(spec({ Privileged: true }).linux?.seccomp).toBeUndefined();
    expect(spec({ SecurityOpt: ['seccomp=unconfined'] }).linux?.seccomp).toBeUndefined();
    expect(spec({ SecurityOpt: ['seccomp:unconfined'] }).linux?.seccomp).toBeUndefined();
  });
});
