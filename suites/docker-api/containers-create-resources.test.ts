import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  type CreateOption,
  jsonLines,
  type ProbeReport,
  readInContainer,
  runProbeReport,
  runToExit,
  suiteContext,
  withCapAdd,
  withCapDrop,
  withCmd,
  withCpuShares,
  withDns,
  withExtraHosts,
  withInit,
  withMemory,
  withNetworkMode,
  withPidsLimit,
  withShmSize,
  withUlimits,
} from './support/index.js';

const ctx = suiteContext();
const create = { tags: ['containers', 'create'], requirements: ['docker-api:ContainerCreate'] };

/**
 * The container's own cgroup (probe report cgroup) and a control file read inside it: the v1 path when the
 * controller is mounted there, else the v2 one.
 */
async function cgroupValue(v1: string, v2: string, ...opts: CreateOption[]) {
  const cmd = `report cgroup && ( read /sys/fs/cgroup/${v1} || read /sys/fs/cgroup/${v2} )`;
  const run = await runToExit(ctx, [...opts, withCmd('sh', '-c', cmd.replace(/[()]/g, ''))]);
  const docs = jsonLines(run.stdout);
  const report = docs[0] as ProbeReport;
  const read = docs.find((d) => typeof d.content === 'string') as { content: string } | undefined;
  return { id: run.id, report, value: read?.content.trim() };
}

describe('ContainerCreate: resources in the container cgroup', () => {
  conformance('Memory is the cgroup memory limit', create, async () => {
    const bytes = 96 * 1024 * 1024;
    const { id, report, value } = await cgroupValue(
      'memory/memory.limit_in_bytes',
      'memory.max',
      withMemory(bytes),
    );
    expect(report.cgroup?.some((c) => c.path.includes(id))).toBe(true);
    expect(value).toBe(String(bytes));
  });

  conformance('PidsLimit is pids.max', create, async () => {
    const { value } = await cgroupValue('pids/pids.max', 'pids.max', withPidsLimit(77));
    expect(value).toBe('77');
  });

  conformance('CpuShares is cpu.shares (v1) or the matching cpu.weight (v2)', create, async () => {
    const { value } = await cgroupValue('cpu/cpu.shares', 'cpu.weight', withCpuShares(512));
    expect(['512', String(1 + Math.floor(((512 - 2) * 9999) / 262142))]).toContain(value);
  });

  conformance('without Memory the limit is not the one asked elsewhere', create, async () => {
    const { value } = await cgroupValue('memory/memory.limit_in_bytes', 'memory.max');
    expect(value).not.toBe(String(96 * 1024 * 1024));
  });
});

const caps = async (...opts: CreateOption[]) => {
  const report = await runProbeReport(ctx, ...opts, withCmd('report', 'capabilities'));
  return report.capabilities?.effective.names ?? [];
};

describe('ContainerCreate: capabilities', () => {
  conformance('the default set has CAP_CHOWN and not CAP_SYS_ADMIN', create, async () => {
    const names = await caps();
    expect(names).toContain('CAP_CHOWN');
    expect(names).toContain('CAP_NET_BIND_SERVICE');
    expect(names).not.toContain('CAP_SYS_ADMIN');
  });

  describe.each(['SYS_TIME', 'CAP_NET_ADMIN'])('CapAdd %s', (cap) => {
    conformance('adds the capability to the effective set', create, async () => {
      expect(await caps(withCapAdd(cap))).toContain(cap.startsWith('CAP_') ? cap : `CAP_${cap}`);
    });
  });

  describe.each(['CHOWN', 'CAP_KILL'])('CapDrop %s', (cap) => {
    conformance('removes the capability from the effective and bounding sets', create, async () => {
      const report = await runProbeReport(ctx, withCapDrop(cap), withCmd('report', 'capabilities'));
      const name = cap.startsWith('CAP_') ? cap : `CAP_${cap}`;
      expect(report.capabilities?.effective.names).not.toContain(name);
      expect(report.capabilities?.bounding.names).not.toContain(name);
    });
  });

  conformance('CapDrop ALL with CapAdd keeps only what was added', create, async () => {
    expect(await caps(withCapDrop('ALL'), withCapAdd('NET_BIND_SERVICE'))).toEqual(['CAP_NET_BIND_SERVICE']);
  });
});

describe('ContainerCreate: process environment', () => {
  conformance('Init: an init is pid 1 and the command is its child', create, async () => {
    const report = await runProbeReport(ctx, withInit(), withCmd('report', 'process'));
    expect(report.process?.pid).not.toBe(1);
    expect(report.process?.ppid).toBe(1);
    const run = await runToExit(ctx, [withInit(), withCmd('stat', '/proc/1/exe')]);
    const stat = jsonLines(run.stdout)[0] as { stat: { type: string; link: string } };
    expect(stat.stat.type).toBe('symlink');
    expect(stat.stat.link).not.toBe('/bin/probe');
  });

  conformance('without Init the command is pid 1', create, async () => {
    const report = await runProbeReport(ctx, withCmd('report', 'process'));
    expect(report.process?.pid).toBe(1);
  });

  describe.each([
    { Name: 'nofile', Soft: 1234, Hard: 2345, key: 'RLIMIT_NOFILE' },
    { Name: 'nproc', Soft: 321, Hard: 654, key: 'RLIMIT_NPROC' },
    { Name: 'core', Soft: 0, Hard: 0, key: 'RLIMIT_CORE' },
  ])('Ulimits $Name', ({ Name, Soft, Hard, key }) => {
    conformance('sets the rlimit', create, async () => {
      const report = await runProbeReport(
        ctx,
        withUlimits({ Name, Soft, Hard }),
        withCmd('report', 'rlimits'),
      );
      expect(report.rlimits?.[key]).toEqual({ soft: Soft, hard: Hard });
    });
  });

  conformance('ShmSize is the size of the /dev/shm tmpfs', create, async () => {
    const report = await runProbeReport(ctx, withShmSize(32 * 1024 * 1024), withCmd('report', 'mounts'));
    const shm = report.mounts?.find((m) => m.mount_point === '/dev/shm');
    expect(shm?.fstype).toBe('tmpfs');
    expect(shm?.super_options).toMatch(/(^|,)size=32768k(,|$)/);
  });
});

describe('ContainerCreate: networking seen from inside', () => {
  conformance('NetworkMode none leaves only the loopback interface', create, async () => {
    const read = await readInContainer(ctx, '/proc/net/dev', withNetworkMode('none'));
    const names = read.content
      .split('\n')
      .slice(2)
      .map((line) => line.split(':')[0]?.trim())
      .filter((name) => name !== undefined && name !== '');
    expect(names).toEqual(['lo']);
  });

  conformance('the default network gives an interface besides lo', create, async () => {
    const read = await readInContainer(ctx, '/proc/net/dev');
    expect(read.content).toMatch(/^\s*eth0:/m);
  });

  conformance('ExtraHosts are lines of /etc/hosts', create, async () => {
    const read = await readInContainer(
      ctx,
      '/etc/hosts',
      withExtraHosts('probe-extra.test:10.11.12.13', 'other.test:10.0.0.9'),
    );
    expect(read.content).toMatch(/^10\.11\.12\.13\s+probe-extra\.test$/m);
    expect(read.content).toMatch(/^10\.0\.0\.9\s+other\.test$/m);
  });

  conformance('Dns, DnsSearch and DnsOptions make /etc/resolv.conf', create, async () => {
    const read = await readInContainer(
      ctx,
      '/etc/resolv.conf',
      withDns(['10.9.8.7', '10.9.8.6'], ['example.test'], ['ndots:3']),
    );
    const lines = read.content.split('\n').map((l) => l.trim());
    expect(lines.filter((l) => l.startsWith('nameserver'))).toEqual([
      'nameserver 10.9.8.7',
      'nameserver 10.9.8.6',
    ]);
    expect(lines).toContain('search example.test');
    expect(lines.find((l) => l.startsWith('options'))).toMatch(/ndots:3/);
  });
});
