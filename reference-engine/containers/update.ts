import type { ContainerUpdateResponse, HostConfig, Resources } from '../daemon/wire/containers.js';
import { Conflict, InvalidArgument } from '../errors.js';
import { isUnified, v1Hierarchies } from '../runtime/cgroups/hierarchies.js';
import { applyV1Resources } from '../runtime/cgroups/v1-resources.js';
import { applyV2Resources } from '../runtime/cgroups/v2-resources.js';
import { readState } from '../runtime/state/state-dir.js';
import { type Ctx, emit } from './context.js';
import { checkResources, ociResources } from './oci/resources.js';
import { checkRestartPolicy } from './restart-policy.js';
import type { UpdateRequest } from './types.js';

const FIELDS: readonly (keyof Resources)[] = [
  'CpuShares',
  'Memory',
  'CgroupParent',
  'BlkioWeight',
  'CpuPeriod',
  'CpuQuota',
  'CpuRealtimePeriod',
  'CpuRealtimeRuntime',
  'CpusetCpus',
  'CpusetMems',
  'KernelMemory',
  'KernelMemoryTCP',
  'MemoryReservation',
  'MemorySwap',
  'NanoCpus',
  'PidsLimit',
];

/** dockerd's update: only the fields given non-zero change (PidsLimit <= 0 means unlimited). */
export function mergeResources(host: HostConfig, update: Resources): HostConfig {
  const next: HostConfig = { ...host };
  for (const f of FIELDS) {
    const v = update[f];
    if (v === undefined || v === null || v === 0 || v === '') continue;
    (next as Record<string, unknown>)[f] = f === 'PidsLimit' && (v as number) < 0 ? 0 : v;
  }
  if (update.NanoCpus) {
    next.CpuPeriod = 0;
    next.CpuQuota = 0;
  } else if (update.CpuPeriod || update.CpuQuota) next.NanoCpus = 0;
  if (
    update.Memory &&
    !update.MemorySwap &&
    host.MemorySwap &&
    host.MemorySwap > 0 &&
    update.Memory > host.MemorySwap
  )
    throw new InvalidArgument(
      'Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time',
    );
  return next;
}

/** Writes the new limits into a running container's cgroups. */
async function applyLive(ctx: Ctx, id: string, host: HostConfig): Promise<void> {
  const rt = await readState(ctx.runtimeRoot, id);
  const { devices: _d, ...resources } = ociResources(host);
  if (isUnified()) {
    const dir = rt.cgroupDirs.at(-1);
    if (dir) await applyV2Resources(dir, resources);
    return;
  }
  const byController = new Map<string, string>();
  for (const h of v1Hierarchies()) {
    const dir = rt.cgroupDirs
      .filter((d) => d.startsWith(`${h.mountPoint}/`))
      .sort((a, b) => b.length - a.length)[0];
    if (dir) for (const c of h.controllers) byController.set(c, dir);
  }
  await applyV1Resources(byController, resources);
}

/** POST /containers/{id}/update: resources (live when running) and the restart policy; emits update. */
export async function updateContainer(
  ctx: Ctx,
  idOrName: string,
  update: UpdateRequest,
): Promise<ContainerUpdateResponse> {
  const record = ctx.table.get(idOrName);
  return ctx.locks.run(record.id, async () => {
    if (record.removing || record.state.status === 'dead')
      throw new Conflict(
        `Cannot update container ${record.id}: container is marked for removal and cannot be "update"`,
      );
    const next = mergeResources(record.hostConfig, update);
    checkResources(next);
    if (update.RestartPolicy && (update.RestartPolicy.Name ?? '') !== '') {
      if (record.hostConfig.AutoRemove)
        throw new InvalidArgument(
          'Restart policy cannot be updated because AutoRemove is enabled for the container',
        );
      checkRestartPolicy(update.RestartPolicy, false);
      next.RestartPolicy = {
        Name: update.RestartPolicy.Name,
        MaximumRetryCount: update.RestartPolicy.MaximumRetryCount ?? 0,
      };
    }
    const status = record.state.status;
    if (status === 'running' || status === 'paused') await applyLive(ctx, record.id, next);
    record.hostConfig = next;
    await ctx.store.save(record);
    emit(ctx, record, 'update');
    return { Warnings: [] };
  });
}
