import { CAPABILITY_NUMBERS } from '../config/capabilities.js';
import { HOOK_KINDS, NAMESPACE_TYPES } from '../config/oci-config.js';
import { seccompBuiltIn } from '../lifecycle/native-binary.js';
import { PROPAGATION } from '../spec/mount-options.js';

const MOUNT_OPTIONS = [
  'async',
  'atime',
  'bind',
  'defaults',
  'dev',
  'diratime',
  'dirsync',
  'exec',
  'lazytime',
  'mand',
  'noatime',
  'nodev',
  'nodiratime',
  'noexec',
  'nolazytime',
  'nomand',
  'norelatime',
  'nostrictatime',
  'nosuid',
  'nosymfollow',
  'rbind',
  'relatime',
  'ro',
  'rw',
  'strictatime',
  'suid',
  'sync',
];

/** The `features` document (features.md) for what shiprun implements. */
export function featuresDocument() {
  return {
    ociVersionMin: '1.0.0',
    ociVersionMax: '1.2.0',
    hooks: [...HOOK_KINDS],
    mountOptions: [...MOUNT_OPTIONS, ...Object.keys(PROPAGATION)].sort(),
    linux: {
      namespaces: [...NAMESPACE_TYPES],
      capabilities: Object.keys(CAPABILITY_NUMBERS),
      cgroup: { v1: true, v2: true, systemd: false, systemdUser: false },
      seccomp: {
        enabled: seccompBuiltIn(),
        actions: [
          'SCMP_ACT_ALLOW',
          'SCMP_ACT_ERRNO',
          'SCMP_ACT_KILL',
          'SCMP_ACT_KILL_PROCESS',
          'SCMP_ACT_KILL_THREAD',
          'SCMP_ACT_LOG',
          'SCMP_ACT_TRACE',
          'SCMP_ACT_TRAP',
        ],
        operators: [
          'SCMP_CMP_EQ',
          'SCMP_CMP_GE',
          'SCMP_CMP_GT',
          'SCMP_CMP_LE',
          'SCMP_CMP_LT',
          'SCMP_CMP_MASKED_EQ',
          'SCMP_CMP_NE',
        ],
        archs: ['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM', 'SCMP_ARCH_X32', 'SCMP_ARCH_X86', 'SCMP_ARCH_X86_64'],
      },
      apparmor: { enabled: false },
      selinux: { enabled: false },
    },
    annotations: { 'org.shipshape.shiprun.spec': '1' },
  };
}
