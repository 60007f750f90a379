import { describe, expect, it } from 'vitest';
import type { ContainerConfig, HostConfig } from '../../daemon/wire/containers.js';
import { InvalidArgument } from '../../errors.js';
import { DEFAULT_CAPS, effectiveCaps, normalizeCaps } from './capabilities.js';
import { mergeImageEnv, processEnv, replaceOrAppend } from './env.js';
import { buildOciSpec, commandOf, type ResolvedMount, type SpecInput } from './oci-spec.js';
import { collectMounts, parseBind, parseMount, parseTmpfs } from './parse-mounts.js';
import { checkResources, ociResources } from './resources.js';
import { resolveUser } from './user.js';

const ID = 'a'.repeat(64);
const ROOT_USER = { uid: 0, gid: 0, additionalGids: [0], home: '/root' };

function spec(config: ContainerConfig, host: HostConfig = {}, extra: Partial<SpecInput> = {}) {
  return buildOciSpec({
    id: ID,
    config: { Hostname: 'abc', Cmd: ['true'], ...config },
    host,
    rootfs: '/r',
    user: ROOT_USER,
    mounts: [],
    etc: { hostsPath: '/c/hosts', hostnamePath: '/c/hostname', resolvConfPath: '/c/resolv.conf' },
    ...extra,
  });
}

const dests = (s: ReturnType<typeof spec>) => s.mounts?.map((m) => m.destination) ?? [];
const nsTypes = (s: ReturnType<typeof spec>) => s.linux?.namespaces?.map((n) => n.type);

describe('buildOciSpec', () => {
  it('gives the defaults dockerd gives: caps, mounts, masked paths, namespaces, sysctls, device rules', () => {
    const s = spec({});
    expect(s.process?.capabilities?.bounding).toEqual(DEFAULT_CAPS);
    expect(dests(s)).toEqual([
      '/proc',
      '/dev',
      '/dev/pts',
      '/sys',
      '/sys/fs/cgroup',
      '/dev/mqueue',
      '/dev/shm',
      '/etc/resolv.conf',
      '/etc/hostname',
      '/etc/hosts',
    ]);
    expect(s.mounts?.find((m) => m.destination === '/sys')?.options).toContain('ro');
    expect(s.mounts?.find((m) => m.destination === '/dev/shm')?.options).toContain('size=67108864');
    expect(s.linux?.maskedPaths).toContain('/proc/kcore');
    expect(s.linux?.readonlyPaths).toContain('/proc/sys');
    expect(nsTypes(s)).toEqual(['mount', 'network', 'uts', 'pid', 'ipc']);
    expect(s.linux?.sysctl).toEqual({
      'net.ipv4.ip_unprivileged_port_start': '0',
      'net.ipv4.ping_group_range': '0 2147483647',
    });
    expect(s.linux?.resources?.devices?.[0]).toEqual({ allow: false, access: 'rwm' });
    expect(s.hostname).toBe('abc');
    expect(s.process?.cwd).toBe('/');
    expect(s.process?.terminal).toBe(false);
    expect(s.root).toEqual({ path: '/r', readonly: false });
    expect(s.linux?.cgroupsPath).toBe(`/shipd-${ID}`);
  });

  it('builds args from Entrypoint then Cmd, and wraps them in the init with Init', () => {
    expect(spec({ Entrypoint: ['/bin/probe'], Cmd: ['sleep', '1'] }).process?.args).toEqual([
      '/bin/probe',
      'sleep',
      '1',
    ]);
    expect(commandOf({ Entrypoint: [''], Cmd: ['x'] })).toEqual(['x']);
    const s = spec({ Cmd: ['x'] }, { Init: true }, { initBinary: '/usr/bin/tini' });
    expect(s.process?.args).toEqual(['/sbin/docker-init', '--', 'x']);
    expect(s.mounts?.find((m) => m.destination === '/sbin/docker-init')).toEqual({
      destination: '/sbin/docker-init',
      type: 'bind',
      source: '/usr/bin/tini',
      options: ['bind', 'ro'],
    });
  });

  it('sets PATH, HOSTNAME, TERM with a TTY, HOME from passwd, and lets Env override', () => {
    const s = spec({ Tty: true, Env: ['PATH=/x', 'A=1'] });
    expect(s.process?.env).toEqual(['PATH=/x', 'HOSTNAME=abc', 'TERM=xterm', 'A=1', 'HOME=/root']);
    expect(spec({ Env: ['HOME=/h'] }).process?.env).toContain('HOME=/h');
    expect(s.process?.terminal).toBe(true);
  });

  it('takes the console size only with a TTY and both sides set', () => {
    expect(spec({ Tty: true }, { ConsoleSize: [24, 80] }).process?.consoleSize).toEqual({
      height: 24,
      width: 80,
    });
    expect(spec({ Tty: true }, { ConsoleSize: [0, 0] }).process?.consoleSize).toBeUndefined();
    expect(spec({}, { ConsoleSize: [24, 80] }).process?.consoleSize).toBeUndefined();
  });

  it('shares host namespaces for host modes and joins given ones', () => {
    const s = spec({}, { NetworkMode: 'host', PidMode: 'host', IpcMode: 'host', UTSMode: 'host' });
    expect(nsTypes(s)).toEqual(['mount']);
    expect(s.hostname).toBeUndefined();
    expect(s.linux?.sysctl).toEqual({});
    expect(s.mounts?.find((m) => m.destination === '/dev/shm')?.type).toBe('bind');
    const j = spec({}, {}, { join: { network: '/proc/7/ns/net' } });
    expect(j.linux?.namespaces).toContainEqual({ type: 'network', path: '/proc/7/ns/net' });
    expect(spec({}, { CgroupnsMode: 'private' }).linux?.namespaces).toContainEqual({ type: 'cgroup' });
  });

  it('keeps a private UTS namespace with the host network (the hostname is the host one, set at create)', () => {
    expect(nsTypes(spec({ Hostname: 'vm' }, { NetworkMode: 'host' }))).toEqual([
      'mount',
      'uts',
      'pid',
      'ipc',
    ]);
  });

  it('privileged: every capability, rw /sys and cgroup, no masked or read-only paths', () => {
    const s = spec({}, { Privileged: true });
    expect(s.process?.capabilities?.bounding).toContain('CAP_SYS_ADMIN');
    expect(s.mounts?.find((m) => m.destination === '/sys')?.options).not.toContain('ro');
    expect(s.linux?.maskedPaths).toEqual([]);
    expect(s.linux?.readonlyPaths).toEqual([]);
  });

  it('honours ReadonlyRootfs (etc files read-only too), ShmSize, no-new-privileges, Ulimits, Sysctls, OomScoreAdj', () => {
    const s = spec(
      { Domainname: 'example.org' },
      {
        ReadonlyRootfs: true,
        ShmSize: 1048576,
        SecurityOpt: ['no-new-privileges'],
        Ulimits: [{ Name: 'nofile', Soft: 100, Hard: 200 }],
        Sysctls: { 'kernel.msgmax': '1024' },
        OomScoreAdj: 500,
      },
    );
    expect(s.root?.readonly).toBe(true);
    expect(s.mounts?.find((m) => m.destination === '/etc/hosts')?.options).toEqual([
      'rbind',
      'ro',
      'rprivate',
    ]);
    expect(s.mounts?.find((m) => m.destination === '/dev/shm')?.options).toContain('size=1048576');
    expect(s.process?.noNewPrivileges).toBe(true);
    expect(s.process?.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', hard: 200, soft: 100 }]);
    expect(s.linux?.sysctl?.['kernel.msgmax']).toBe('1024');
    expect(s.process?.oomScoreAdj).toBe(500);
    expect(s.domainname).toBe('example.org');
    expect(spec({}, { SecurityOpt: ['no-new-privileges:false'] }).process?.noNewPrivileges).toBeUndefined();
  });

  it('orders user mounts by depth after the defaults and lets them replace default and etc mounts', () => {
    const mounts: ResolvedMount[] = [
      { spec: parseBind('/h/deep:/data/sub'), hostPath: '/h/deep' },
      { spec: parseBind('/h/data:/data:ro'), hostPath: '/h/data' },
      { spec: parseTmpfs('/dev/shm', 'size=1m'), hostPath: '' },
      { spec: parseBind('/h/hosts:/etc/hosts'), hostPath: '/h/hosts' },
    ];
    const s = spec({}, {}, { mounts });
    const d = dests(s);
    expect(d.filter((x) => x === '/dev/shm')).toHaveLength(1);
    expect(d.filter((x) => x === '/etc/hosts')).toHaveLength(1);
    expect(d.indexOf('/data')).toBeLessThan(d.indexOf('/data/sub'));
    expect(s.mounts?.find((m) => m.destination === '/data')).toEqual({
      destination: '/data',
      type: 'bind',
      source: '/h/data',
      options: ['rbind', 'ro', 'rprivate'],
    });
    expect(s.mounts?.find((m) => m.destination === '/dev/shm')?.options).toEqual([
      'noexec',
      'nosuid',
      'nodev',
      'rprivate',
      'size=1m',
    ]);
  });

  it('lets a tmpfs option override its opposite default (exec over noexec)', () => {
    const s = spec({}, {}, { mounts: [{ spec: parseTmpfs('/run', 'exec,size=2m'), hostPath: '' }] });
    expect(s.mounts?.find((m) => m.destination === '/run')?.options).toEqual([
      'nosuid',
      'nodev',
      'rprivate',
      'size=2m',
    ]);
  });

  it('puts the cgroup under CgroupParent when given', () => {
    expect(spec({}, { CgroupParent: '/mine' }).linux?.cgroupsPath).toBe(`/mine/${ID}`);
  });
});

describe('capabilities', () => {
  it('adds and drops by any spelling, with ALL in either list', () => {
    expect(effectiveCaps(['net_admin'], ['CHOWN', 'cap_kill'], false)).toEqual([
      ...DEFAULT_CAPS.filter((c) => c !== 'CAP_CHOWN' && c !== 'CAP_KILL'),
      'CAP_NET_ADMIN',
    ]);
    expect(effectiveCaps(['CHOWN'], ['ALL'], false)).toEqual(['CAP_CHOWN']);
    const all = effectiveCaps(['ALL'], ['SYS_ADMIN'], false);
    expect(all).toContain('CAP_SYS_PTRACE');
    expect(all).not.toContain('CAP_SYS_ADMIN');
    expect(effectiveCaps([], [], false)).toEqual(DEFAULT_CAPS);
  });

  it('rejects unknown capabilities with dockerd words', () => {
    expect(() => normalizeCaps(['FOO'], 'CapAdd')).toThrow('invalid CapAdd: unknown capability: "CAP_FOO"');
  });
});

describe('env', () => {
  it('merges image Env after the request, request keys winning', () => {
    expect(mergeImageEnv(['A=2', 'B=1'], ['PATH=/p', 'A=1'])).toEqual(['A=2', 'B=1', 'PATH=/p']);
    expect(mergeImageEnv(null, ['PATH=/p'])).toEqual(['PATH=/p']);
  });

  it('replaces in place, appends, and unsets keys given without =', () => {
    expect(replaceOrAppend(['A=1', 'B=2', 'C=3'], ['B=9', 'D=4', 'A'])).toEqual(['B=9', 'C=3', 'D=4']);
  });

  it('keeps a HOME the environment sets', () => {
    expect(processEnv({ hostname: 'h', tty: false, env: ['HOME=/x'], home: '/root' })).toEqual([
      expect.stringMatching(/^PATH=/),
      'HOSTNAME=h',
      'HOME=/x',
    ]);
  });
});

describe('user resolution', () => {
  const passwd = 'root:x:0:0:root:/root:/bin/sh\nshipper:x:1000:1000::/home/shipper:/bin/sh\n';
  const group = 'root:x:0:\nshipper:x:1000:\nextra:x:42:shipper\nnogroup:x:65534:\n';

  it.each([
    ['', { uid: 0, gid: 0, additionalGids: [0], home: '/root' }],
    ['shipper', { uid: 1000, gid: 1000, additionalGids: [1000, 42], home: '/home/shipper' }],
    ['1000', { uid: 1000, gid: 1000, additionalGids: [1000, 42], home: '/home/shipper' }],
    ['1000:65534', { uid: 1000, gid: 65534, additionalGids: [65534], home: '/home/shipper' }],
    ['shipper:nogroup', { uid: 1000, gid: 65534, additionalGids: [65534], home: '/home/shipper' }],
    ['4242', { uid: 4242, gid: 0, additionalGids: [0], home: '/' }],
    ['4242:77', { uid: 4242, gid: 77, additionalGids: [77], home: '/' }],
  ])('resolves %j', (user, want) => {
    expect(resolveUser(user, passwd, group)).toEqual(want);
  });

  it('adds GroupAdd by name or number', () => {
    expect(resolveUser('shipper', passwd, group, ['nogroup', '7']).additionalGids).toEqual([
      1000, 42, 65534, 7,
    ]);
  });

  it('works without passwd and group files for numeric ids and root', () => {
    expect(resolveUser('', undefined, undefined)).toEqual({ uid: 0, gid: 0, additionalGids: [0], home: '/' });
    expect(resolveUser('5:6', undefined, undefined).gid).toBe(6);
  });

  it('fails on unknown names as runc does', () => {
    expect(() => resolveUser('nobody2', passwd, group)).toThrow(
      'unable to find user nobody2: no matching entries in passwd file',
    );
    expect(() => resolveUser('shipper:nope', passwd, group)).toThrow(InvalidArgument);
  });
});

describe('mount parsing', () => {
  it('parses Binds: host paths are binds, names are volumes, modes apply', () => {
    expect(parseBind('/src:/dst:ro,rshared')).toMatchObject({
      type: 'bind',
      source: '/src',
      destination: '/dst',
      readOnly: true,
      propagation: 'rshared',
      mode: 'ro,rshared',
    });
    expect(parseBind('data:/d:nocopy')).toMatchObject({ type: 'volume', source: 'data', copyData: false });
    expect(parseBind('data:/d/')).toMatchObject({ destination: '/d', copyData: true });
  });

  it.each(['x', '/a:b', '/a:/', 'bad name:/x', '/a:/b:bogus', '/a:/b:c:d'])('rejects bind %j', (b) => {
    expect(() => parseBind(b)).toThrow(InvalidArgument);
  });

  it('parses Mounts of every type and refuses misplaced options', () => {
    expect(
      parseMount({ Type: 'volume', Target: '/v', Source: 'n', VolumeOptions: { NoCopy: true } }),
    ).toMatchObject({
      type: 'volume',
      source: 'n',
      copyData: false,
    });
    expect(
      parseMount({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 4096, Mode: 0o700 } })
        .tmpfsOptions,
    ).toEqual(['size=4096', 'mode=700']);
    expect(
      parseMount({
        Type: 'bind',
        Target: '/b',
        Source: '/s',
        ReadOnly: true,
        BindOptions: { NonRecursive: true },
      }),
    ).toMatchObject({
      readOnly: true,
      nonRecursive: true,
    });
    expect(() => parseMount({ Type: 'bind', Target: '/b' })).toThrow(InvalidArgument);
    expect(() => parseMount({ Type: 'tmpfs', Target: '/t', Source: '/s' })).toThrow(InvalidArgument);
    expect(() => parseMount({ Type: 'npipe', Target: '/t' })).toThrow(InvalidArgument);
    expect(() => parseMount({ Type: 'volume', Target: 'rel' })).toThrow(InvalidArgument);
  });

  it('adds image volumes as anonymous unless a mount covers them, and refuses duplicates', () => {
    const ms = collectMounts({ Binds: ['/h:/data'], Tmpfs: { '/run': '' } }, ['/data', '/cache']);
    expect(ms.map((m) => [m.type, m.destination, m.source])).toEqual([
      ['bind', '/data', '/h'],
      ['tmpfs', '/run', ''],
      ['volume', '/cache', ''],
    ]);
    expect(() => collectMounts({ Binds: ['/a:/x'], Mounts: [{ Type: 'tmpfs', Target: '/x' }] }, [])).toThrow(
      'Duplicate mount point: /x',
    );
  });
});

describe('resources', () => {
  it('translates memory (swap defaults to twice), NanoCpus, pids, shares and blkio', () => {
    const r = ociResources({
      Memory: 64 << 20,
      NanoCpus: 5e8,
      PidsLimit: 50,
      CpuShares: 512,
      BlkioWeight: 300,
    });
    expect(r.memory).toEqual({ limit: 64 << 20, swap: 128 << 20 });
    expect(r.cpu).toEqual({ shares: 512, period: 100000, quota: 50000 });
    expect(r.pids).toEqual({ limit: 50 });
    expect(r.blockIO).toEqual({ weight: 300 });
    expect(ociResources({ Memory: 64 << 20, MemorySwap: -1 }).memory?.swap).toBe(-1);
    expect(ociResources({ PidsLimit: -1 }).pids).toEqual({ limit: -1 });
    expect(ociResources({ PidsLimit: 0 }).pids).toBeUndefined();
    expect(ociResources({}).memory).toBeUndefined();
  });

  it.each([
    [{ Memory: 1024 }, 'Minimum memory limit allowed is 6MB'],
    [{ Memory: -5 }, 'Minimum memory limit allowed is 6MB'],
    [{ NanoCpus: 1e9, CpuPeriod: 100000 }, 'Conflicting options'],
    [{ NanoCpus: 64e9 }, 'Range of CPUs is from 0.01 to 2.00'],
    [{ MemorySwappiness: 101 }, 'valid memory swappiness range'],
    [{ Memory: 64 << 20, MemorySwap: 1 << 20 }, 'Minimum memoryswap limit'],
    [{ BlkioWeight: 5 }, 'Range of blkio weight'],
  ])('refuses %j', (r, message) => {
    expect(() => checkResources(r, 2)).toThrow(message);
  });

  it('accepts sane values', () => {
    expect(() =>
      checkResources({ Memory: 64 << 20, NanoCpus: 1.5e9, MemorySwappiness: -1 }, 2),
    ).not.toThrow();
  });
});
