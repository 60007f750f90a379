import { nowRfc3339Nano, ZERO_TIME } from '../containers/context.js';
import type { CgroupDirs } from './cgroup-dirs.js';
import { onlineCpus, systemCpuUsage } from './host.js';
import { sampleV1 } from './sample-v1.js';
import { sampleV2 } from './sample-v2.js';
import type { BlkioStats, CgroupSample, CpuStats, StatsJSON } from './types.js';

/** One reading of a container's cgroups, with the time and the host CPU figures beside it. */
export interface Reading {
  read: string;
  cgroups: CgroupSample;
  systemCpuUsage: number;
  onlineCpus: number;
}

export function takeReading(dirs: CgroupDirs): Reading {
  return {
    read: nowRfc3339Nano(),
    cgroups: dirs.kind === 'v2' ? sampleV2(dirs.dir) : sampleV1(dirs.byController),
    systemCpuUsage: systemCpuUsage(),
    onlineCpus: onlineCpus(),
  };
}

const ZERO_CPU: CpuStats = {
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
};

const NO_BLKIO: BlkioStats = {
  io_service_bytes_recursive: null,
  io_serviced_recursive: null,
  io_queue_recursive: null,
  io_service_time_recursive: null,
  io_wait_time_recursive: null,
  io_merged_recursive: null,
  io_time_recursive: null,
  sectors_recursive: null,
};

const cpuOf = (r: Reading): CpuStats => ({
  ...r.cgroups.cpu,
  system_cpu_usage: r.systemCpuUsage,
  online_cpus: r.onlineCpus,
});

/**
 * A stats document as dockerd 20.10 sends it: `current` (absent for a container that does not run:
 * zeros and the zero time) with `previous` as precpu_stats/preread (zeros before the first).
 */
export function statsJson(
  who: { id: string; name: string },
  current: Reading | undefined,
  previous: Reading | undefined,
): StatsJSON {
  return {
    read: current?.read ?? ZERO_TIME,
    preread: previous?.read ?? ZERO_TIME,
    pids_stats: current?.cgroups.pids ?? {},
    blkio_stats: current?.cgroups.blkio ?? NO_BLKIO,
    num_procs: 0,
    storage_stats: {},
    cpu_stats: current ? cpuOf(current) : ZERO_CPU,
    precpu_stats: previous ? cpuOf(previous) : ZERO_CPU,
    memory_stats: current?.cgroups.memory ?? {},
    name: who.name,
    id: who.id,
  };
}
