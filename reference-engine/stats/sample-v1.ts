import { readBlkio, readKeyValues, readNumber, readText } from './cgroup-files.js';
import { hostMemory, ticksToNs } from './host.js';
import type { BlkioEntry, CgroupSample } from './types.js';

/** Above this, a v1 memory limit means "no limit" (the kernel's page-rounded max). */
const UNLIMITED = 2 ** 62;

/** A cgroup v1 sample: `dirs` maps a controller (memory, cpuacct, cpu, pids, blkio) to its directory. */
export function sampleV1(dirs: ReadonlyMap<string, string>): CgroupSample {
  const cpuacct = dirs.get('cpuacct');
  const memory = dirs.get('memory');
  const stat = readKeyValues(cpuacct, 'cpuacct.stat');
  const throttle = readKeyValues(dirs.get('cpu'), 'cpu.stat');
  const percpu = (readText(cpuacct, 'cpuacct.usage_percpu') ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  const limit = readNumber(memory, 'memory.limit_in_bytes');
  const pidsMax = readNumber(dirs.get('pids'), 'pids.max');
  const failcnt = readNumber(memory, 'memory.failcnt');
  return {
    cpu: {
      cpu_usage: {
        total_usage: readNumber(cpuacct, 'cpuacct.usage') ?? 0,
        ...(percpu.length > 0 && { percpu_usage: percpu }),
        usage_in_kernelmode: ticksToNs(stat.system),
        usage_in_usermode: ticksToNs(stat.user),
      },
      throttling_data: {
        periods: throttle.nr_periods ?? 0,
        throttled_periods: throttle.nr_throttled ?? 0,
        throttled_time: throttle.throttled_time ?? 0,
      },
    },
    memory: {
      usage: readNumber(memory, 'memory.usage_in_bytes') ?? 0,
      max_usage: readNumber(memory, 'memory.max_usage_in_bytes') ?? 0,
      ...(failcnt ? { failcnt } : {}),
      stats: readKeyValues(memory, 'memory.stat'),
      limit: limit === undefined || limit >= UNLIMITED ? hostMemory() : Math.min(limit, hostMemory()),
    },
    pids: {
      current: readNumber(dirs.get('pids'), 'pids.current') ?? 0,
      ...(pidsMax !== undefined && { limit: pidsMax }),
    },
    blkio: blkioV1(dirs.get('blkio')),
  };
}

/** dockerd reads the CFQ files, or the throttle ones when those are empty. */
function blkioV1(dir: string | undefined) {
  const pick = (name: string): BlkioEntry[] => {
    const cfq = readBlkio(dir, `blkio.${name}`);
    return cfq.length > 0 ? cfq : readBlkio(dir, `blkio.throttle.${name}`);
  };
  const only = (name: string) => readBlkio(dir, `blkio.${name}`);
  return {
    io_service_bytes_recursive: pick('io_service_bytes_recursive'),
    io_serviced_recursive: pick('io_serviced_recursive'),
    io_queue_recursive: only('io_queued_recursive'),
    io_service_time_recursive: only('io_service_time_recursive'),
    io_wait_time_recursive: only('io_wait_time_recursive'),
    io_merged_recursive: only('io_merged_recursive'),
    io_time_recursive: only('time_recursive'),
    sectors_recursive: only('sectors_recursive'),
  };
}
