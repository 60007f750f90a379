import { Conflict, NotFound } from '../errors.js';
import { type Ctx, emit, rootfsDir } from './context.js';
import { cleanupRuntime } from './handle-exit.js';
import { SIGKILL } from './signals.js';
import { stopProcess } from './stop-process.js';
import type { ContainerRecord, RemoveOptions } from './types.js';

function refuse(record: ContainerRecord): Conflict {
  const s = record.state.status;
  if (s === 'paused')
    return new Conflict(
      `You cannot remove a paused container ${record.id}. Unpause and then stop the container before attempting removal or force remove`,
    );
  if (s === 'restarting')
    return new Conflict(
      `You cannot remove a restarting container ${record.id}. Stop the container before attempting removal or force remove`,
    );
  return new Conflict(
    `You cannot remove a running container ${record.id}. Stop the container before attempting removal or force remove`,
  );
}

/**
 * DELETE /containers/{id}: 409 while running unless `force` (then SIGKILL first). The record is marked
 * `removing` on disk first, so a crash half-way is finished at the next open (finishRemove).
 */
export async function removeContainer(ctx: Ctx, idOrName: string, opts: RemoveOptions = {}): Promise<void> {
  const record = ctx.table.get(idOrName);
  if (record.removing) throw new Conflict(`removal of container ${record.id} is already in progress`);
  await ctx.locks.run(record.id, async () => {
    if (!ctx.table.byFullId(record.id)) throw new NotFound(`No such container: ${idOrName}`);
    const status = record.state.status;
    const live = status === 'running' || status === 'paused' || status === 'restarting';
    if (live && !opts.force) throw refuse(record);
    ctx.hooks.cancelRestart(record.id);
    record.removing = true;
    record.removeVolumes = opts.volumes === true;
    await ctx.store.save(record);
    if (status === 'running' || status === 'paused') await stopProcess(ctx, record, SIGKILL, 0);
    await finishRemove(ctx, record, opts.volumes === true);
  });
}

/** The removal itself: runtime leftovers, rootfs, snapshot, anonymous volumes (with `volumes`), record. */
export async function finishRemove(ctx: Ctx, record: ContainerRecord, volumes: boolean): Promise<void> {
  ctx.hooks.unwatch(record.id);
  await cleanupRuntime(ctx, record);
  while (ctx.rootfs.held(rootfsDir(ctx, record.id))) await ctx.rootfs.release(rootfsDir(ctx, record.id));
  await ctx.opts.driver.remove(record.snapshotKey).catch((err: unknown) => {
    if (!(err instanceof NotFound)) throw err;
  });
  ctx.table.delete(record.id); // no longer a user of its volumes
  if (volumes)
    for (const name of record.anonymousVolumes) await ctx.opts.volumes.remove(name).catch(() => {});
  await ctx.store.removeDir(record.id);
  ctx.backoff.delete(record.id);
  ctx.exitOnNext.delete(record.id);
  emit(ctx, record, 'destroy');
  // dockerd clears the error once a removal succeeds (SetRemovalError(nil)): a removed wait has none,
  // even after a failed start (`run --rm` would otherwise print "Error waiting for container").
  ctx.waiters.removed(record.id, { StatusCode: record.state.exitCode, Error: null });
}
