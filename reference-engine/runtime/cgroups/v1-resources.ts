import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../../errors.js';
import type { OciDeviceRule, OciResources } from '../config/oci-config.js';

/** Devices every container may use whatever the config denies (as runc allows them). */
const DEFAULT_ALLOWED = [
  'c 1:3 rwm',
  'c 1:5 rwm',
  'c 1:7 rwm',
  'c 1:8 rwm',
  'c 1:9 rwm',
  'c 5:0 rwm',
  'c 5:1 rwm',
  'c 5:2 rwm',
  'c 136:* rwm',
];

async function set(dir: string, file: string, value: string | number, field: string, optional = false) {
  const path = join(dir, file);
  if (optional && !existsSync(path)) return;
  try {
    writeFileSync(path, String(value)); // a tiny kernel file: no thread-pool round trip
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InvalidArgument(
      `config.json: ${field}: cannot write ${value} to ${file}: ${e.code ?? e.message}`,
    );
  }
}

const ruleText = (r: OciDeviceRule): string => {
  const n = (v: number | undefined) => (v === undefined || v < 0 ? '*' : String(v));
  return `${r.type ?? 'a'} ${n(r.major)}:${n(r.minor)} ${r.access ?? 'rwm'}`;
};

/** Writes linux.resources into the v1 controllers; `dirs` maps a controller to the container's dir. */
export async function applyV1Resources(
  dirs: ReadonlyMap<string, string>,
  r: OciResources | undefined,
): Promise<void> {
  const at = (c: string) => dirs.get(c);
  const mem = at('memory');
  if (mem && r?.memory) {
    const m = r.memory;
    if (m.limit !== undefined)
      await set(mem, 'memory.limit_in_bytes', m.limit, 'linux.resources.memory.limit');
    if (m.reservation !== undefined)
      await set(mem, 'memory.soft_limit_in_bytes', m.reservation, 'linux.resources.memory.reservation');
    if (m.swap !== undefined)
      await set(mem, 'memory.memsw.limit_in_bytes', m.swap, 'linux.resources.memory.swap', true);
    if (m.swappiness !== undefined)
      await set(mem, 'memory.swappiness', m.swappiness, 'linux.resources.memory.swappiness');
  }
  const cpu = at('cpu');
  if (cpu && r?.cpu) {
    if (r.cpu.shares !== undefined) await set(cpu, 'cpu.shares', r.cpu.shares, 'linux.resources.cpu.shares');
    if (r.cpu.period !== undefined)
      await set(cpu, 'cpu.cfs_period_us', r.cpu.period, 'linux.resources.cpu.period');
    if (r.cpu.quota !== undefined)
      await set(cpu, 'cpu.cfs_quota_us', r.cpu.quota, 'linux.resources.cpu.quota');
  }
  const cpuset = at('cpuset');
  if (cpuset && r?.cpu?.cpus) await set(cpuset, 'cpuset.cpus', r.cpu.cpus, 'linux.resources.cpu.cpus');
  if (cpuset && r?.cpu?.mems) await set(cpuset, 'cpuset.mems', r.cpu.mems, 'linux.resources.cpu.mems');
  const pids = at('pids');
  if (pids && r?.pids)
    await set(pids, 'pids.max', r.pids.limit > 0 ? r.pids.limit : 'max', 'linux.resources.pids.limit');
  const blkio = at('blkio');
  if (blkio && r?.blockIO?.weight !== undefined)
    await set(blkio, 'blkio.weight', r.blockIO.weight, 'linux.resources.blockIO.weight', true);
}

/**
 * Writes the device rules (deny-all first, as configs do, then the defaults every container gets).
 * Applied once the init has made its device nodes, since mknod needs the rule's `m`.
 */
export async function applyV1Devices(
  dir: string,
  rules: readonly OciDeviceRule[] | undefined,
): Promise<void> {
  if (!rules) return;
  for (const [i, rule] of rules.entries()) {
    await set(
      dir,
      rule.allow ? 'devices.allow' : 'devices.deny',
      ruleText(rule),
      `linux.resources.devices[${i}]`,
    );
  }
  for (const rule of DEFAULT_ALLOWED) await set(dir, 'devices.allow', rule, 'linux.resources.devices');
}
