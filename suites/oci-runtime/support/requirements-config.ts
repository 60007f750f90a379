import type { Requirement } from './requirement.js';

const c = (id: string, level: Requirement['level'], section: string, text: string): Requirement => ({
  id: `config:${id}`,
  level,
  file: 'config.md',
  section,
  text,
});
const l = (id: string, level: Requirement['level'], section: string, text: string): Requirement => ({
  id: `config:${id}`,
  level,
  file: 'config-linux.md',
  section,
  text,
});

const MOUNT_FLAGS = ['ro', 'nosuid', 'nodev', 'noexec', 'noatime', 'nodiratime', 'strictatime', 'relatime'];
const NAMESPACES = ['pid', 'network', 'mount', 'ipc', 'uts', 'user', 'cgroup', 'time'];
const CAP_SETS = ['bounding', 'effective', 'inheritable', 'permitted', 'ambient'];
const DEFAULT_DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'console', 'ptmx'];

/**
 * Normative statements of config.md / config-linux.md (and runtime-linux.md's /dev links) that the
 * config-*.test.ts files check from inside the container. Merged into REQUIREMENTS by requirements.ts.
 * Field semantics count as MUST: runtime.md's create says a property the runtime cannot apply is an error.
 */
export const CONFIG_REQUIREMENTS: readonly Requirement[] = [
  c(
    'root.path',
    'MUST',
    'Root',
    'root.path names an existing directory, absolute or relative to the bundle, used as /',
  ),
  c('root.readonly', 'MUST', 'Root', 'with root.readonly true the root filesystem cannot be written inside'),
  c('mounts.order', 'MUST', 'Mounts', 'mounts are performed in the order they are listed'),
  c(
    'mounts.destination-relative',
    'MUST',
    'Mounts',
    'a relative (deprecated) destination is taken relative to /',
  ),
  c(
    'mounts.bind',
    'MUST',
    'Linux mount options',
    'bind/rbind make the source path visible at the destination',
  ),
  c('mounts.bind-source-relative', 'MUST', 'Mounts', 'a relative bind source is resolved against the bundle'),
  c('mounts.type', 'MUST', 'POSIX-platform Mounts', 'type names a kernel filesystem type that is mounted'),
  c(
    'mounts.fs-options',
    'SHOULD',
    'Linux mount options',
    'options the table does not know go to the filesystem as data',
  ),
  ...MOUNT_FLAGS.map((f) =>
    c(
      `mounts.option.${f}`,
      'MUST',
      'Linux mount options',
      `the ${f} option gives the mount the matching flag`,
    ),
  ),
  c(
    'mounts.option.nosymfollow',
    'SHOULD',
    'Linux mount options',
    'nosymfollow stops symlinks being followed there',
  ),
  c(
    'process.args',
    'MUST',
    'Process',
    'args is the argv of the process, the first entry resolved like execvp',
  ),
  c('process.env', 'MUST', 'Process', 'env is the environment of the process'),
  c('process.cwd', 'MUST', 'Process', 'cwd is the working directory the process starts in'),
  c('process.terminal', 'MUST', 'Process', 'terminal true gives the process a pseudoterminal on its stdio'),
  c(
    'process.consoleSize',
    'MUST',
    'Process',
    'consoleSize sizes the terminal and is ignored without a terminal',
  ),
  c('process.user.uid', 'MUST', 'POSIX-platform User', 'the process runs with the configured user id'),
  c('process.user.gid', 'MUST', 'POSIX-platform User', 'the process runs with the configured group id'),
  c(
    'process.user.additionalGids',
    'MUST',
    'POSIX-platform User',
    'additionalGids become supplementary groups',
  ),
  c('process.user.umask', 'MUST', 'POSIX-platform User', 'umask, when given, is the umask of the process'),
  c('process.rlimits.soft', 'MUST', 'POSIX process', 'getrlimit soft value equals the configured soft value'),
  c('process.rlimits.hard', 'MUST', 'POSIX process', 'getrlimit hard value equals the configured hard value'),
  c('process.rlimits.unknown', 'MUST', 'POSIX process', 'an rlimit type with no kernel mapping is an error'),
  c('process.rlimits.duplicate', 'MUST', 'POSIX process', 'two rlimits entries of one type are an error'),
  ...CAP_SETS.map((s) =>
    c(`process.capabilities.${s}`, 'MUST', 'Linux Process', `the ${s} capability set is the configured one`),
  ),
  c('process.noNewPrivileges', 'MUST', 'Linux Process', 'noNewPrivileges true sets the no_new_privs bit'),
  c('process.oomScoreAdj', 'MUST', 'Linux Process', 'oomScoreAdj, when set, is written to oom_score_adj'),
  c(
    'process.oomScoreAdj.unset',
    'MUST',
    'Linux Process',
    'without oomScoreAdj the caller value is left alone',
  ),
  c('hostname', 'MUST', 'Hostname', 'hostname is the name seen inside the container UTS namespace'),
  c(
    'domainname',
    'MUST',
    'Domainname',
    'domainname is the NIS domain seen inside the container UTS namespace',
  ),
  ...NAMESPACES.map((n) =>
    l(`linux.namespaces.${n}`, 'SHOULD', 'Namespaces', `a ${n} namespace entry without path makes a new one`),
  ),
  l(
    'linux.namespaces.inherit',
    'MUST',
    'Namespaces',
    'a type absent from the list is shared with the runtime',
  ),
  l(
    'linux.namespaces.path',
    'MUST',
    'Namespaces',
    'a path entry puts the process into that existing namespace',
  ),
  l(
    'linux.namespaces.path-type',
    'MUST',
    'Namespaces',
    'a path whose namespace is of another type is an error',
  ),
  l('linux.namespaces.duplicate', 'MUST', 'Namespaces', 'two entries of one type are an error'),
  l(
    'linux.user-mappings',
    'MUST',
    'User namespace mappings',
    'uid/gid mappings are written for the user namespace',
  ),
  l('linux.devices', 'MUST', 'Devices', 'each listed device exists with its type, numbers, mode and owner'),
  l('linux.devices.mismatch', 'MUST', 'Devices', 'a different file already at a device path is an error'),
  ...DEFAULT_DEVICES.map((d) =>
    l(`linux.default-devices.${d}`, 'MUST', 'Default Devices', `/dev/${d} is supplied by the runtime`),
  ),
  l(
    'linux.default-filesystems',
    'SHOULD',
    'Default Filesystems',
    '/proc, /sys, /dev/pts and /dev/shm are there',
  ),
  l('linux.cgroups-path', 'MUST', 'Cgroups Path', 'an absolute cgroupsPath is taken below the cgroup mounts'),
  l('linux.device-allowlist', 'MUST', 'Allowed Device list', 'device cgroup rules are applied in order'),
  l('linux.resources.memory', 'MUST', 'Memory', 'memory.limit caps the cgroup memory usage'),
  l('linux.resources.cpu', 'MUST', 'CPU', 'cpu.shares is the cgroup relative CPU weight'),
  l('linux.resources.pids', 'MUST', 'PIDs', 'pids.limit caps the number of tasks in the cgroup'),
  l('linux.sysctl', 'MUST', 'Sysctl', 'each sysctl is set for the container'),
  l('linux.seccomp', 'MUST', 'Seccomp', 'a matched syscall gets the configured action'),
  l('linux.seccomp.errnoRet', 'MUST', 'Seccomp', 'SCMP_ACT_ERRNO returns errnoRet, EPERM when unset'),
  l(
    'linux.rootfs-propagation',
    'MUST',
    'Rootfs Mount Propagation',
    'the root mount gets the configured propagation',
  ),
  l('linux.masked-paths', 'MUST', 'Masked Paths', 'masked paths cannot be read inside the container'),
  l(
    'linux.readonly-paths',
    'MUST',
    'Readonly Paths',
    'readonly paths cannot be written inside the container',
  ),
  c('process.apparmorProfile', 'MUST', 'Linux Process', 'the process runs under the named AppArmor profile'),
  c('process.selinuxLabel', 'MUST', 'Linux Process', 'the process runs with the given SELinux label'),
  {
    id: 'config:runtime-linux.dev-symlinks',
    level: 'MUST',
    file: 'runtime-linux.md',
    section: 'Dev symbolic links',
    text: '/dev/fd, stdin, stdout and stderr link into /proc/self/fd',
  },
];
