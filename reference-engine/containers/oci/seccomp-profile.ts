import type { OciSeccomp } from '../../runtime/config/oci-config.js';

const EPERM = 1;
const ENOSYS = 38;
/** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: the flags that make a namespace. */
const NEW_NAMESPACE_FLAGS = [
  0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000,
];

/**
 * Syscalls Docker's default profile refuses to a container without the capability that would allow
 * them (docs.docker.com/engine/security/seccomp, "Significant syscalls blocked by the default profile"),
 * grouped by that capability. The profile below allows everything else: a deny list with Docker's
 * effect on these calls, not Docker's allow list.
 */
const BLOCKED: Readonly<Record<string, readonly string[]>> = {
  always: [
    'add_key',
    'keyctl',
    'request_key',
    'bpf',
    'perf_event_open',
    'userfaultfd',
    'create_module',
    'get_kernel_syms',
    'query_module',
    'nfsservctl',
    'uselib',
    'ustat',
    'sysfs',
    '_sysctl',
    'vm86',
    'vm86old',
    'lookup_dcookie',
    'kexec_file_load',
    'kexec_load',
  ],
  CAP_SYS_ADMIN: [
    'mount',
    'umount',
    'umount2',
    'pivot_root',
    'setns',
    'open_by_handle_at',
    'name_to_handle_at',
    'quotactl',
    'swapon',
    'swapoff',
    'fanotify_init',
  ],
  CAP_SYS_MODULE: ['init_module', 'finit_module', 'delete_module'],
  CAP_SYS_BOOT: ['reboot'],
  CAP_SYS_TIME: ['settimeofday', 'stime', 'clock_settime', 'clock_adjtime', 'adjtimex'],
  CAP_SYS_PACCT: ['acct'],
  CAP_SYS_RAWIO: ['iopl', 'ioperm'],
  CAP_SYS_NICE: ['get_mempolicy', 'set_mempolicy', 'mbind', 'move_pages'],
};

/**
 * shipd's default seccomp profile for a container granted `caps` (not used for privileged containers
 * or `--security-opt seccomp=unconfined`): the calls above refused with EPERM; without CAP_SYS_ADMIN
 * also unshare, and clone with a namespace flag, as Docker's; clone3 answers ENOSYS, as in Docker's,
 * so a C library falls back to clone, whose flags the filter can see.
 */
export function defaultSeccomp(caps: readonly string[]): OciSeccomp {
  const names = Object.entries(BLOCKED)
    .filter(([cap]) => cap === 'always' || !caps.includes(cap))
    .flatMap(([, list]) => list);
  const syscalls: NonNullable<OciSeccomp['syscalls']> = [
    { names, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
  ];
  if (!caps.includes('CAP_SYS_ADMIN')) {
    syscalls.push(
      { names: ['unshare'], action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
      // one rule per flag (rules for one call are or-ed): refused when (flags & FLAG) == FLAG
      ...NEW_NAMESPACE_FLAGS.map((flag) => ({
        names: ['clone'],
        action: 'SCMP_ACT_ERRNO',
        errnoRet: EPERM,
        args: [{ index: 0, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
      })),
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
    );
  }
  return {
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_AARCH64'],
    syscalls,
  };
}

/** `seccomp=unconfined` (or `seccomp:unconfined`) among the security options: no profile. */
export const seccompUnconfined = (opts: readonly string[] | null | undefined): boolean =>
  (opts ?? []).some((o) => /^seccomp[:=]unconfined$/.test(o));
