import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerDirs } from './container-dirs.js';

/** Counters of one memory kind, as runc's events types.MemoryEntry. */
export interface MemoryEntry {
  limit: number;
  usage?: number;
  max?: number;
  failcnt: number;
}

/** The `data` of a `stats` event, in the shape runc's `events` prints (types.Stats). */
export interface CgroupStats {
  cpu: {
    usage: { total: number; percpu?: number[]; kernel: number; user: number };
    throttling: { periods?: number; throttledPeriods?: number; throttledTime?: number };
  };
  memory: { usage: MemoryEntry; swap?: MemoryEntry; raw?: Record<string, number> };
  pids: { current?: number; limit?: number };
  blkio: Record<string, never>;
  hugetlb: Record<string, never>;
}

const read = (dir: string | undefined, file: string): string | undefined => {
  if (!dir) return undefined;
  try {
    return readFileSync(join(dir, file), 'utf8').trim();
  } catch {
    return undefined;
  }
};

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (v === 'max') return 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** `key value` lines (memory.stat, cpu.stat, cpuacct.stat) as numbers. */
const keyed = (text: string | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const line of (text ?? '').split('\n')) {
    const [k, v] = line.split(' ');
    if (k && v !== undefined && Number.isFinite(Number(v))) out[k] = Number(v);
  }
  return out;
};

/** Clock ticks per second (USER_HZ): cpuacct.stat counts in these. */
const USER_HZ = 100;

function v1Stats(dirs: ReadonlyMap<string, string>): CgroupStats {
  const acct = dirs.get('cpuacct');
  const cpu = dirs.get('cpu');
  const mem = dirs.get('memory');
  const pids = dirs.get('pids');
  const times = keyed(read(acct, 'cpuacct.stat'));
  const throttle = keyed(read(cpu, 'cpu.stat'));
  const percpu = read(acct, 'cpuacct.usage_percpu')?.split(/\s+/).filter(Boolean).map(Number);
  const entry = (prefix: string): MemoryEntry => ({
    limit: num(read(mem, `${prefix}.limit_in_bytes`)) ?? 0,
    usage: num(read(mem, `${prefix}.usage_in_bytes`)),
    max: num(read(mem, `${prefix}.max_usage_in_bytes`)),
    failcnt: num(read(mem, `${prefix}.failcnt`)) ?? 0,
  });
  return {
    cpu: {
      usage: {
        total: num(read(acct, 'cpuacct.usage')) ?? 0,
        ...(percpu ? { percpu } : {}),
        kernel: ((times.system ?? 0) * 1e9) / USER_HZ,
        user: ((times.user ?? 0) * 1e9) / USER_HZ,
      },
      throttling: {
        periods: throttle.nr_periods,
        throttledPeriods: throttle.nr_throttled,
        throttledTime: throttle.throttled_time,
      },
    },
    memory: { usage: entry('memory'), swap: entry('memory.memsw'), raw: keyed(read(mem, 'memory.stat')) },
    pids: { current: num(read(pids, 'pids.current')), limit: num(read(pids, 'pids.max')) },
    blkio: {},
    hugetlb: {},
  };
}

function v2Stats(dir: string): CgroupStats {
  const cpu = keyed(read(dir, 'cpu.stat'));
  return {
    cpu: {
      usage: {
        total: (cpu.usage_usec ?? 0) * 1000,
        kernel: (cpu.system_usec ?? 0) * 1000,
        user: (cpu.user_usec ?? 0) * 1000,
      },
      throttling: {
        periods: cpu.nr_periods,
        throttledPeriods: cpu.nr_throttled,
        throttledTime: cpu.throttled_usec === undefined ? undefined : cpu.throttled_usec * 1000,
      },
    },
    memory: {
      usage: {
        limit: num(read(dir, 'memory.max')) ?? 0,
        usage: num(read(dir, 'memory.current')),
        max: num(read(dir, 'memory.peak')),
        failcnt: keyed(read(dir, 'memory.events')).max ?? 0,
      },
      raw: keyed(read(dir, 'memory.stat')),
    },
    pids: { current: num(read(dir, 'pids.current')), limit: num(read(dir, 'pids.max')) },
    blkio: {},
    hugetlb: {},
  };
}

/** Usage and limits of a container's cgroups (runc `events --stats` fields; block IO left empty). */
export const cgroupStats = (dirs: ContainerDirs): CgroupStats =>
  dirs.unified ? v2Stats(dirs.dir) : v1Stats(dirs.byController);
