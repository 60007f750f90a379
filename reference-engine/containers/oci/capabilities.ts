import { readFileSync } from 'node:fs';
import { InvalidArgument } from '../../errors.js';
import { CAPABILITY_NUMBERS } from '../../runtime/config/capabilities.js';

/** dockerd's default capability set, in its order. */
export const DEFAULT_CAPS: readonly string[] = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Every capability this kernel knows (up to /proc/sys/kernel/cap_last_cap). */
export function allCapabilities(): string[] {
  let last = 40;
  try {
    last = Number(readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim());
  } catch {
    // keep the default
  }
  return Object.entries(CAPABILITY_NUMBERS)
    .filter(([, n]) => n <= last)
    .map(([name]) => name);
}

/** `net_admin`, `NET_ADMIN`, `CAP_NET_ADMIN` -> `CAP_NET_ADMIN`; `ALL` stays; unknown names throw. */
export function normalizeCaps(
  list: readonly string[] | null | undefined,
  field: 'CapAdd' | 'CapDrop',
): string[] {
  const out: string[] = [];
  for (const raw of list ?? []) {
    const upper = raw.toUpperCase();
    const name = upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
    if (name !== 'ALL' && CAPABILITY_NUMBERS[name] === undefined)
      throw new InvalidArgument(`invalid ${field}: unknown capability: "${name}"`);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** dockerd's TweakCapabilities: privileged = all; ALL in adds = all but drops; ALL in drops = adds only. */
export function effectiveCaps(
  adds: readonly string[] | null | undefined,
  drops: readonly string[] | null | undefined,
  privileged: boolean,
): string[] {
  if (privileged) return allCapabilities();
  const add = normalizeCaps(adds, 'CapAdd');
  const drop = normalizeCaps(drops, 'CapDrop');
  if (add.includes('ALL')) return allCapabilities().filter((c) => !drop.includes(c));
  if (drop.includes('ALL')) return add;
  const kept = DEFAULT_CAPS.filter((c) => !drop.includes(c));
  return [...kept, ...add.filter((c) => !kept.includes(c))];
}
