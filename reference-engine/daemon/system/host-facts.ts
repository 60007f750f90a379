import { readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, hostname, release, totalmem } from 'node:os';

/** What /version and /info say about this host; read once (kernel and OS do not change under us). */
export interface HostFacts {
  kernelVersion: string;
  operatingSystem: string;
  osVersion: string;
  /** uname -m (x86_64, aarch64). */
  architecture: string;
  /** GOARCH (amd64, arm64), as /version's Arch. */
  goArch: string;
  cgroupVersion: '1' | '2';
  ncpu: number;
  memTotal: number;
  name: string;
}

const GOARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  s390x: 's390x',
  ppc64: 'ppc64le',
};
const UNAME: Record<string, string> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  arm: 'armv7l',
  ia32: 'i686',
  s390x: 's390x',
  ppc64: 'ppc64le',
};
const CGROUP2_SUPER_MAGIC = 0x63677270;

let cached: HostFacts | undefined;

export function hostFacts(): HostFacts {
  cached ??= {
    kernelVersion: release(),
    ...osRelease(),
    architecture: UNAME[arch()] ?? arch(),
    goArch: GOARCH[arch()] ?? arch(),
    cgroupVersion: cgroupVersion(),
    ncpu: cpus().length,
    memTotal: totalmem(),
    name: hostname(),
  };
  return cached;
}

function osRelease(): { operatingSystem: string; osVersion: string } {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (key: string) =>
      new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.replace(/^"(.*)"$/, '$1') ?? '';
    return { operatingSystem: field('PRETTY_NAME') || 'Linux', osVersion: field('VERSION_ID') };
  } catch {
    return { operatingSystem: 'Linux', osVersion: '' };
  }
}

function cgroupVersion(): '1' | '2' {
  try {
    return statfsSync('/sys/fs/cgroup').type === CGROUP2_SUPER_MAGIC ? '2' : '1';
  } catch {
    return '1';
  }
}
