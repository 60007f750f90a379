import { InvalidArgument } from '../../errors.js';
import type { OciSeccomp } from '../config/oci-config.js';
import { record } from './escape.js';

const EPERM = 1;

/** libseccomp action values (seccomp.h); ERRNO and TRACE carry their data in the low 16 bits. */
function action(name: string, errnoRet: number | undefined, field: string): number {
  switch (name) {
    case 'SCMP_ACT_KILL':
    case 'SCMP_ACT_KILL_THREAD':
      return 0;
    case 'SCMP_ACT_KILL_PROCESS':
      return 0x80000000;
    case 'SCMP_ACT_TRAP':
      return 0x00030000;
    case 'SCMP_ACT_ERRNO':
      return 0x00050000 | ((errnoRet ?? EPERM) & 0xffff);
    case 'SCMP_ACT_TRACE':
      return 0x7ff00000 | ((errnoRet ?? EPERM) & 0xffff);
    case 'SCMP_ACT_LOG':
      return 0x7ffc0000;
    case 'SCMP_ACT_ALLOW':
      return 0x7fff0000;
    default:
      throw new InvalidArgument(`config.json: ${field}: unknown seccomp action ${name}`);
  }
}

const OPS: Readonly<Record<string, number>> = {
  SCMP_CMP_NE: 1,
  SCMP_CMP_LT: 2,
  SCMP_CMP_LE: 3,
  SCMP_CMP_EQ: 4,
  SCMP_CMP_GE: 5,
  SCMP_CMP_GT: 6,
  SCMP_CMP_MASKED_EQ: 7,
};

/** AUDIT_ARCH_* values, which libseccomp uses as its SCMP_ARCH_* tokens. */
const ARCHES: Readonly<Record<string, number>> = {
  SCMP_ARCH_X86: 0x40000003,
  SCMP_ARCH_X86_64: 0xc000003e,
  SCMP_ARCH_X32: 0x4000003e,
  SCMP_ARCH_ARM: 0x40000028,
  SCMP_ARCH_AARCH64: 0xc00000b7,
};

/** `linux.seccomp` as seccomp / seccomp-arch / seccomp-rule records (unknown arches are skipped). */
export function digestSeccomp(s: OciSeccomp | undefined): string {
  if (!s) return '';
  let out = record('seccomp', action(s.defaultAction, s.defaultErrnoRet, 'linux.seccomp.defaultAction'), 0);
  for (const a of s.architectures ?? [])
    if (ARCHES[a] !== undefined) out += record('seccomp-arch', ARCHES[a] ?? 0);
  (s.syscalls ?? []).forEach((sc, i) => {
    const act = action(sc.action, sc.errnoRet, `linux.seccomp.syscalls[${i}].action`);
    const args = (sc.args ?? []).flatMap((a, j) => {
      const op = OPS[a.op];
      if (op === undefined)
        throw new InvalidArgument(`config.json: linux.seccomp.syscalls[${i}].args[${j}].op: unknown`);
      return [a.index, op, BigInt(a.value).toString(), BigInt(a.valueTwo ?? 0).toString()];
    });
    for (const name of sc.names) out += record('seccomp-rule', name, act, 0, ...args);
  });
  return out;
}
