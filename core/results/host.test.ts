import { describe, expect, it } from 'vitest';
import { cgroupVersionOf, distroOf, filesystemAt, hostMetadata } from './host.js';

describe('host identity in results', () => {
  it('reads the distribution, the cgroup version and the filesystem under a path', () => {
    expect(distroOf('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')).toBe(
      'Debian GNU/Linux 12 (bookworm)',
    );
    expect(distroOf('')).toBeUndefined();
    const v2 = 'cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n';
    const v1 = 'cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n';
    expect(cgroupVersionOf(v2)).toBe('v2');
    expect(cgroupVersionOf(v1)).toBe('v1');
    expect(cgroupVersionOf(`${v1}cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n`)).toBe('hybrid');
    const mounts =
      '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /var/lib xfs rw 0 0\n/dev/sdc1 /var/library btrfs rw 0 0\n';
    expect(filesystemAt('/var/lib', mounts)).toBe('xfs');
    expect(filesystemAt('/var/lib/docker', mounts)).toBe('xfs');
    expect(filesystemAt('/home', mounts)).toBe('ext4');
  });
  it('names the host by SHIPSHAPE_HOST (default its hostname) and records kernel, cgroup, distro, CPU, storage fs', () => {
    const h = hostMetadata({ SHIPSHAPE_HOST: 'node-7' });
    expect(h).toMatchObject({ name: 'node-7', cgroup: expect.stringMatching(/^(v1|v2|hybrid|none)$/) });
    expect(h.cpu?.count).toBeGreaterThan(0);
    expect(h.storageFilesystem).toMatch(/\w/);
    expect(h.distro).toMatch(/\w/);
    expect(hostMetadata({}).name).toMatch(/\w/);
  });
});
