import { Conflict } from '../errors.js';
import type { Ctx } from './context.js';
import { parseDockerSignal, SIGKILL, stopSignalOf } from './signals.js';
import { signalContainer } from './stop-process.js';

const KILL_WAIT_MS = 10_000;

/**
 * POST /containers/{id}/kill: 409 unless running. Any kill marks the container manually stopped
 * (unless-stopped will not restart it); SIGKILL or its stop signal also cancels the restart policy
 * for this exit, and SIGKILL waits (bounded) for the exit to be handled, as dockerd does.
 */
export async function killContainer(ctx: Ctx, idOrName: string, signal = 'KILL'): Promise<void> {
  const record = ctx.table.get(idOrName);
  const sig = parseDockerSignal(signal);
  const notRunning = () =>
    new Conflict(`Cannot kill container: ${idOrName}: Container ${record.id} is not running`);
  await ctx.locks.run(record.id, async () => {
    const status = record.state.status;
    if (status === 'restarting') {
      ctx.hooks.cancelRestart(record.id);
      record.state.status = 'exited';
      record.state.manuallyStopped = true;
      await ctx.store.save(record);
      return;
    }
    if (status !== 'running' && status !== 'paused') throw notRunning();
    record.state.manuallyStopped = true;
    const custom = record.config.StopSignal ? stopSignalOf(record.config.StopSignal) : undefined;
    if (custom === undefined || sig === SIGKILL || sig === custom) ctx.exitOnNext.add(record.id);
    await ctx.store.save(record);
    const exited = sig === SIGKILL ? ctx.hooks.nextExit(record.id) : undefined;
    await signalContainer(ctx, record, sig);
    if (exited) await Promise.race([exited, new Promise((r) => setTimeout(r, KILL_WAIT_MS).unref())]);
  });
}
