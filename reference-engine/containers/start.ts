import { Conflict, NotModified } from '../errors.js';
import type { Ctx } from './context.js';
import { removeContainer } from './remove.js';
import { runProcess } from './run-process.js';

/**
 * POST /containers/{id}/start: 304 when running (or restarting), 409 when paused or being removed.
 * An API start resets the restart policy's count and the manual-stop flag, as dockerd does. A start
 * that fails removes an AutoRemove container (force, with its volumes), as dockerd does for `run --rm`.
 */
export async function startContainer(ctx: Ctx, idOrName: string): Promise<void> {
  const record = ctx.table.get(idOrName);
  let failed: { err: unknown } | undefined;
  await ctx.locks.run(record.id, async () => {
    const status = record.state.status;
    if (record.removing) throw new Conflict(`container is marked for removal and cannot be started`);
    if (status === 'paused') throw new Conflict('cannot start a paused container, try unpause instead');
    if (status === 'running' || status === 'restarting') throw new NotModified('container already started');
    ctx.hooks.cancelRestart(record.id);
    record.restartCount = 0;
    record.state.manuallyStopped = false;
    ctx.backoff.delete(record.id);
    await runProcess(ctx, record).catch((err: unknown) => {
      failed = { err };
    });
  });
  if (failed === undefined) return;
  if (record.hostConfig.AutoRemove)
    await removeContainer(ctx, record.id, { force: true, volumes: true }).catch(() => {});
  throw failed.err;
}
