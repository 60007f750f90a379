import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const NS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

/** The host's CPU time in nanoseconds, as dockerd counts it: the first seven fields of /proc/stat's `cpu`. */
export function systemCpuUsage(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 8).map(Number);
  return ticks.reduce((sum, t) => sum + (Number.isFinite(t) ? t : 0), 0) * NS_PER_TICK;
}

export const onlineCpus = (): number => cpus().length;

/** MemTotal in bytes: dockerd's memory limit of a container without one. */
export function hostMemory(): number {
  const m = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** cpuacct.stat's user/system ticks as nanoseconds. */
export const ticksToNs = (ticks: number | undefined): number => (ticks ?? 0) * NS_PER_TICK;
