import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgument } from '../../errors.js';
import type { OciResources } from '../config/oci-config.js';

async function set(dir: string, file: string, value: string | number, field: string) {
  if (!existsSync(join(dir, file)))
    throw new InvalidArgument(`config.json: ${field}: ${file} is not available`);
  try {
    writeFileSync(join(dir, file), String(value)); // a tiny kernel file: no thread-pool round trip
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InvalidArgument(
      `config.json: ${field}: cannot write ${value} to ${file}: ${e.code ?? e.message}`,
    );
  }
}

/** Writes linux.resources into a cgroup v2 directory (devices need eBPF and are not applied). */
export async function applyV2Resources(dir: string, r: OciResources | undefined): Promise<void> {
  const m = r?.memory;
  if (m?.limit !== undefined)
    await set(dir, 'memory.max', m.limit < 0 ? 'max' : m.limit, 'linux.resources.memory.limit');
  if (m?.reservation !== undefined)
    await set(dir, 'memory.low', m.reservation, 'linux.resources.memory.reservation');
  if (m?.swap !== undefined && m.limit !== undefined && m.swap >= m.limit)
    await set(dir, 'memory.swap.max', m.swap - m.limit, 'linux.resources.memory.swap');
  const c = r?.cpu;
  if (c?.shares !== undefined)
    await set(
      dir,
      'cpu.weight',
      1 + Math.floor(((c.shares - 2) * 9999) / 262142),
      'linux.resources.cpu.shares',
    );
  if (c?.quota !== undefined || c?.period !== undefined) {
    const quota = c.quota === undefined || c.quota < 0 ? 'max' : c.quota;
    await set(dir, 'cpu.max', `${quota} ${c.period ?? 100000}`, 'linux.resources.cpu.quota');
  }
  if (c?.cpus) await set(dir, 'cpuset.cpus', c.cpus, 'linux.resources.cpu.cpus');
  if (c?.mems) await set(dir, 'cpuset.mems', c.mems, 'linux.resources.cpu.mems');
  if (r?.pids)
    await set(dir, 'pids.max', r.pids.limit > 0 ? r.pids.limit : 'max', 'linux.resources.pids.limit');
}
