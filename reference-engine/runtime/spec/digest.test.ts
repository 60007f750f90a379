import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../core/engines/runtime-cli/defaults.js';
import { capabilityMask } from '../config/capabilities.js';
import type { OciConfig } from '../config/oci-config.js';
import { digestConfig } from './digest.js';
import { record } from './escape.js';
import { MS, parseMountOptions } from './mount-options.js';

const ctx = {
  bundleDir: '/b',
  rootfs: '/b/rootfs',
  fifo: '/s/exec.fifo',
  cgroupProcs: ['/cg/cgroup.procs'],
  id: 'c1',
};
const config = (): OciConfig => defaultConfig() as unknown as OciConfig;
const records = (text: string, key: string) =>
  text
    .split('\n')
    .filter((l) => l.split('\t')[0] === key)
    .map((l) => l.split('\t').slice(1));

describe('spec digest', () => {
  it('escapes tabs, newlines and backslashes so every record stays one line', () => {
    expect(record('arg', 'a\tb\nc\\d')).toBe('arg\ta\\tb\\nc\\\\d\n');
  });

  it('splits mount options into flags, propagation and data', () => {
    const p = parseMountOptions(['nosuid', 'ro', 'rw', 'noexec', 'rslave', 'mode=755', 'size=1m']);
    expect(p.flags).toBe(MS.NOSUID | MS.NOEXEC);
    expect(p.propagation).toBe(MS.SLAVE | MS.REC);
    expect(p.data).toBe('mode=755,size=1m');
  });

  it('turns capability names into a 64-bit mask', () => {
    expect(capabilityMask(['CAP_CHOWN', 'CAP_KILL', 'CAP_AUDIT_WRITE'])).toBe('0x20000021');
    expect(capabilityMask([])).toBe('0x0');
  });

  it('starts with the version, creates namespaces by flag and joins by path', () => {
    const c = config();
    c.linux = {
      ...c.linux,
      namespaces: [{ type: 'pid' }, { type: 'mount' }, { type: 'network', path: '/proc/9/ns/net' }],
    };
    const text = digestConfig(c, ctx);
    expect(text.startsWith('shiprun-spec\t1\n')).toBe(true);
    expect(records(text, 'clone')).toEqual([[String(0x20000000 | 0x00020000)]]);
    expect(records(text, 'setns')).toEqual([[String(0x40000000), '/proc/9/ns/net']]);
    expect(records(text, 'chroot')).toEqual([]);
  });

  it('keeps mounts in spec order and expands a v1 cgroup mount into binds of the container cgroups', () => {
    const views = [{ name: 'memory', hostDir: '/sys/fs/cgroup/memory/shiprun-c1' }];
    const text = digestConfig(config(), { ...ctx, cgroupViews: views });
    const dests = records(text, 'mount').map((f) => f[0]);
    expect(dests).toEqual([
      '/proc',
      '/dev',
      '/dev/pts',
      '/dev/shm',
      '/dev/mqueue',
      '/sys',
      '/sys/fs/cgroup',
      '/sys/fs/cgroup/memory',
    ]);
    expect(records(text, 'mount')[7]?.[2]).toBe('/sys/fs/cgroup/memory/shiprun-c1');
    expect(records(text, 'remount').map((f) => f[0])).toEqual(['/sys/fs/cgroup']);
  });

  it('adds the default devices and links, and the process last', () => {
    const text = digestConfig(config(), ctx);
    expect(records(text, 'device').map((f) => f[0])).toEqual([
      '/dev/null',
      '/dev/zero',
      '/dev/full',
      '/dev/random',
      '/dev/urandom',
      '/dev/tty',
    ]);
    expect(records(text, 'symlink')).toContainEqual(['pts/ptmx', '/dev/ptmx']);
    expect(records(text, 'arg')).toEqual([['sh']]);
    expect(records(text, 'rlimit')).toEqual([['7', '1024', '1024']]);
    expect(records(text, 'nnp')).toEqual([[]].map(() => []));
  });

  it('runtime hooks ask the init to wait; container hooks carry a state template', () => {
    const c = config();
    c.hooks = {
      createRuntime: [{ path: '/h' }],
      startContainer: [{ path: '/s', args: ['s', '1'], timeout: 5 }],
    };
    const text = digestConfig(c, ctx);
    expect(records(text, 'runtime-hooks')).toHaveLength(1);
    expect(records(text, 'hook')).toEqual([['startContainer', '/s', '5']]);
    expect(records(text, 'hook-arg')).toEqual([['s'], ['1']]);
    expect(records(text, 'hook-state')[0]?.[0]).toContain('"pid":@PID@');
  });
});
