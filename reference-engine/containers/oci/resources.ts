import { availableParallelism } from 'node:os';
import type { Resources } from '../../daemon/wire/containers.js';
import { InvalidArgument } from '../../errors.js';
import type { OciDeviceRule, OciResources } from '../../runtime/config/oci-config.js';

/** dockerd's smallest memory limit (6 MiB). */
export const MIN_MEMORY = 6 * 1024 * 1024;
const CPU_PERIOD = 100_000;

/** Docker's device cgroup defaults: deny all, allow the basic char devices, deny /dev/fuse's neighbour. */
export const DEFAULT_DEVICE_RULES: readonly OciDeviceRule[] = [
  { allow: false, access: 'rwm' },
  { allow: true, type: 'c', major: 1, minor: 5, access: 'rwm' },
  { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
  { allow: true, type: 'c', major: 1, minor: 9, access: 'rwm' },
  { allow: true, type: 'c', major: 1, minor: 8, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 0, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 1, access: 'rwm' },
  { allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' },
];

/** The checks dockerd makes on resources at create and update (400 with its messages). */
export function checkResources(r: Resources, cpus = availableParallelism()): void {
  if (r.Memory && r.Memory < MIN_MEMORY) throw new InvalidArgument('Minimum memory limit allowed is 6MB');
  if (r.MemorySwap && r.MemorySwap > 0 && r.Memory && r.MemorySwap < r.Memory)
    throw new InvalidArgument('Minimum memoryswap limit should be larger than memory limit, see usage');
  if (r.MemorySwap && r.MemorySwap > 0 && !r.Memory)
    throw new InvalidArgument(
      'You should always set the Memory limit when using Memoryswap limit, see usage',
    );
  const sw = r.MemorySwappiness;
  if (sw !== undefined && sw !== null && sw !== -1 && (sw < 0 || sw > 100))
    throw new InvalidArgument(`Invalid value: ${sw}, valid memory swappiness range is 0-100`);
  if (r.NanoCpus && (r.CpuPeriod || r.CpuQuota))
    throw new InvalidArgument('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (r.NanoCpus && (r.NanoCpus < 0.01e9 || r.NanoCpus > cpus * 1e9))
    throw new InvalidArgument(
      `Range of CPUs is from 0.01 to ${cpus}.00, as there are only ${cpus} CPUs available`,
    );
  if (r.CpuPeriod && (r.CpuPeriod < 1000 || r.CpuPeriod > 1_000_000))
    throw new InvalidArgument(
      'CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)',
    );
  if (r.CpuQuota && r.CpuQuota > 0 && r.CpuQuota < 1000)
    throw new InvalidArgument('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  if (r.BlkioWeight && (r.BlkioWeight < 10 || r.BlkioWeight > 1000))
    throw new InvalidArgument('Range of blkio weight is from 10 to 1000');
  if (r.CpuShares && r.CpuShares < 0) throw new InvalidArgument('invalid CPU shares');
  if (r.MemoryReservation && r.MemoryReservation < 0)
    throw new InvalidArgument('Minimum memory reservation allowed is 6MB');
}

/** HostConfig resources as OCI linux.resources (dockerd's translation; Memory alone doubles as swap). */
export function ociResources(r: Resources, devices: readonly OciDeviceRule[] = []): OciResources {
  const out: OciResources = { devices: [...DEFAULT_DEVICE_RULES, ...devices] };
  const memory: NonNullable<OciResources['memory']> = {};
  if (r.Memory) memory.limit = r.Memory;
  if (r.MemoryReservation) memory.reservation = r.MemoryReservation;
  if (r.MemorySwap && r.MemorySwap !== 0) memory.swap = r.MemorySwap;
  else if (r.Memory) memory.swap = r.Memory * 2;
  if (r.MemorySwappiness !== undefined && r.MemorySwappiness !== null && r.MemorySwappiness >= 0)
    memory.swappiness = r.MemorySwappiness;
  if (r.OomKillDisable) memory.disableOOMKiller = true;
  if (Object.keys(memory).length > 0) out.memory = memory;
  const cpu: NonNullable<OciResources['cpu']> = {};
  if (r.CpuShares) cpu.shares = r.CpuShares;
  if (r.NanoCpus) {
    cpu.period = CPU_PERIOD;
    cpu.quota = Math.round((r.NanoCpus * CPU_PERIOD) / 1e9);
  }
  if (r.CpuPeriod) cpu.period = r.CpuPeriod;
  if (r.CpuQuota) cpu.quota = r.CpuQuota;
  if (r.CpusetCpus) cpu.cpus = r.CpusetCpus;
  if (r.CpusetMems) cpu.mems = r.CpusetMems;
  if (Object.keys(cpu).length > 0) out.cpu = cpu;
  if (r.PidsLimit !== undefined && r.PidsLimit !== null && r.PidsLimit !== 0)
    out.pids = { limit: r.PidsLimit > 0 ? r.PidsLimit : -1 };
  if (r.BlkioWeight) out.blockIO = { weight: r.BlkioWeight };
  return out;
}
