import { type Ctx, rootfsDir } from './context.js';
import { removeContainer } from './remove.js';
import { stopSignalOf } from './signals.js';
import { DEFAULT_STOP_TIMEOUT } from './stop.js';
import { stopProcess } from './stop-process.js';
import type { ContainerRecord } from './types.js';

/**
 * The longest a container may take to stop at shutdown (s): a container whose StopTimeout is negative
 * ("wait for ever" for an API stop) gets this much before its SIGKILL, so a shutdown always ends.
 * dockerd's --shutdown-timeout default.
 */
export const SHUTDOWN_STOP_CAP_S = 15;

/** A container's stop timeout at shutdown (s): its own (Config.StopTimeout, default 10 s), never negative. */
export function shutdownStopTimeout(record: ContainerRecord): number {
  const own = record.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT;
  return own < 0 ? SHUTDOWN_STOP_CAP_S : own;
}

const live = (r: ContainerRecord): boolean =>
  !r.creating && !r.removing && (r.state.status === 'running' || r.state.status === 'paused');

/**
 * dockerd's Shutdown without live-restore: every running (or paused) container gets its stop signal,
 * then SIGKILL after its stop timeout, all at once; each exit is handled as usual (record saved,
 * runtime state and cgroups deleted, rootfs unmounted). It is not a manual stop: restart policies
 * apply again at the next start. AutoRemove containers are removed. The caller has stopped scheduling
 * restarts first.
 */
export async function stopAllForShutdown(ctx: Ctx): Promise<void> {
  const records = ctx.table.values().filter(live);
  await Promise.all(
    records.map((record) =>
      ctx.locks
        .run(record.id, async () => {
          if (!live(record)) return;
          ctx.exitOnNext.add(record.id); // this exit restarts nothing now
          const signal = stopSignalOf(record.config.StopSignal);
          await stopProcess(ctx, record, signal, shutdownStopTimeout(record));
        })
        .catch((err: unknown) => warn(record, 'stopping', err)),
    ),
  );
  for (const record of records) {
    if (!ctx.table.byFullId(record.id)) continue;
    if (record.hostConfig.AutoRemove && !live(record))
      await removeContainer(ctx, record.id, { force: true, volumes: true }).catch((err: unknown) =>
        warn(record, 'removing', err),
      );
  }
  // Leases an interrupted archive or export call did not give back.
  for (const record of ctx.table.values()) {
    const dir = rootfsDir(ctx, record.id);
    while (!live(record) && ctx.rootfs.held(dir)) await ctx.rootfs.release(dir).catch(() => {});
  }
}

function warn(record: ContainerRecord, doing: string, err: unknown): void {
  process.emitWarning(`container ${record.id}: ${doing} it at shutdown failed: ${(err as Error).message}`);
}
