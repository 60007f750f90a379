import { describe, expect, it } from 'vitest';
import { mountsUnder } from './scratch-dir.js';
import { containerdToml, dockerdArgs, dockerdPaths } from './scratch-dockerd.js';
import { podmanPaths, podmanServiceArgs } from './scratch-podman.js';

const flagValue = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('scratch dockerd arguments', () => {
  const p = dockerdPaths('/tmp/s');
  const args = dockerdArgs('vfs', p);
  it('keeps every path under the scratch dir and the driver as given', () => {
    expect(flagValue(args, '--storage-driver')).toBe('vfs');
    for (const flag of ['--config-file', '--data-root', '--exec-root', '--pidfile', '--containerd'])
      expect(flagValue(args, flag)).toMatch(/^\/tmp\/s\//);
    expect(flagValue(args, '-H')).toBe('unix:///tmp/s/docker.sock');
  });
  it('touches no network of the host', () => {
    expect(flagValue(args, '--bridge')).toBe('none');
    expect(args).toEqual(
      expect.arrayContaining(['--iptables=false', '--ip-masq=false', '--ip6tables=false']),
    );
  });
  it('puts the data root where asked (a btrfs mount)', () => {
    expect(flagValue(dockerdArgs('btrfs', dockerdPaths('/tmp/s', '/tmp/s/mnt/data')), '--data-root')).toBe(
      '/tmp/s/mnt/data',
    );
  });
  it('gives containerd its own root, state and socket, CRI off', () => {
    const toml = containerdToml('/tmp/s', p);
    expect(toml).toContain('root = "/tmp/s/containerd/root"');
    expect(toml).toContain('state = "/tmp/s/containerd/state"');
    expect(toml).toContain(`address = "${p.containerdSocket}"`);
    expect(toml).toContain('io.containerd.grpc.v1.cri');
    expect(toml).not.toContain('/run/containerd');
  });
});

describe('scratch podman arguments', () => {
  it('uses its own store, run root, tmp dir and socket, never the shared ones', () => {
    const args = podmanServiceArgs('overlay', podmanPaths('/tmp/p', '/tmp/q'));
    for (const flag of ['--root', '--tmpdir', '--network-config-dir'])
      expect(flagValue(args, flag)).toMatch(/^\/tmp\/p\//);
    expect(flagValue(args, '--runroot')).toBe('/tmp/q/run');
    expect(flagValue(args, '--storage-driver')).toBe('overlay');
    expect(args.slice(-4)).toEqual(['system', 'service', '--time=0', 'unix:///tmp/p/podman.sock']);
  });
});

describe('mountsUnder', () => {
  const info = [
    '22 1 8:0 / / rw - ext4 /dev/vda rw',
    '90 22 0:50 / /tmp/s/mnt rw - btrfs /dev/loop0 rw',
    '91 90 0:51 / /tmp/s/mnt/data/overlay2/x/merged rw - overlay overlay rw',
    '92 22 0:52 / /tmp/s2 rw - tmpfs tmpfs rw',
    '93 22 0:53 / /tmp/s/with\\040space rw - tmpfs tmpfs rw',
  ].join('\n');
  it('lists mounts at or below the dir, deepest first, unescaped', () => {
    expect(mountsUnder(info, '/tmp/s')).toEqual([
      '/tmp/s/with space',
      '/tmp/s/mnt/data/overlay2/x/merged',
      '/tmp/s/mnt',
    ]);
  });
});
