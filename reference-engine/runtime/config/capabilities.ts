const NAMES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
];

/** `CAP_CHOWN` -> 0 ... (linux/capability.h order). */
export const CAPABILITY_NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(
  NAMES.map((n, i) => [`CAP_${n}`, i]),
);

/** A capability list as the 64-bit mask the C side takes, in hex. */
export function capabilityMask(names: readonly string[] | undefined): string {
  let mask = 0n;
  for (const n of names ?? []) mask |= 1n << BigInt(CAPABILITY_NUMBERS[n] ?? 0);
  return `0x${mask.toString(16)}`;
}
