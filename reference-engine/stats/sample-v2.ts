import { readKeyValues, readNumber, readText } from './cgroup-files.js';
import { hostMemory } from './host.js';
import type { BlkioEntry, CgroupSample } from './types.js';

/** A cgroup v2 sample from the container's one directory (dockerd's v2 subset: no percpu, no max_usage). */
export function sampleV2(dir: string): CgroupSample {
  const cpu = readKeyValues(dir, 'cpu.stat');
  const limit = readNumber(dir, 'memory.max');
  const pidsMax = readNumber(dir, 'pids.max');
  return {
    cpu: {
      cpu_usage: {
        total_usage: (cpu.usage_usec ?? 0) * 1000,
        usage_in_kernelmode: (cpu.system_usec ?? 0) * 1000,
        usage_in_usermode: (cpu.user_usec ?? 0) * 1000,
      },
      throttling_data: {
        periods: cpu.nr_periods ?? 0,
        throttled_periods: cpu.nr_throttled ?? 0,
        throttled_time: (cpu.throttled_usec ?? 0) * 1000,
      },
    },
    memory: {
      usage: readNumber(dir, 'memory.current') ?? 0,
      stats: readKeyValues(dir, 'memory.stat'),
      limit: limit ?? hostMemory(),
    },
    pids: {
      current: readNumber(dir, 'pids.current') ?? 0,
      ...(pidsMax !== undefined && { limit: pidsMax }),
    },
    blkio: {
      io_service_bytes_recursive: ioStat(dir),
      io_serviced_recursive: null,
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
  };
}

/** io.stat `MAJ:MIN rbytes=N wbytes=N ...` as dockerd's Read/Write entries. */
function ioStat(dir: string): BlkioEntry[] {
  const out: BlkioEntry[] = [];
  for (const line of (readText(dir, 'io.stat') ?? '').split('\n')) {
    const [dev, ...fields] = line.trim().split(/\s+/);
    const m = /^(\d+):(\d+)$/.exec(dev ?? '');
    if (!m) continue;
    for (const f of fields) {
      const [key, value] = f.split('=');
      const op = key === 'rbytes' ? 'read' : key === 'wbytes' ? 'write' : undefined;
      if (op) out.push({ major: Number(m[1]), minor: Number(m[2]), op, value: Number(value) });
    }
  }
  return out;
}
