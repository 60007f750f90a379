import { NotModified } from '../errors.js';
import { type Ctx, emit } from './context.js';
import { parseDockerSignal, stopSignalOf } from './signals.js';
import { stopProcess } from './stop-process.js';
import type { StopOptions } from './types.js';

/** Docker's default stop timeout (s). */
export const DEFAULT_STOP_TIMEOUT = 10;

/**
 * POST /containers/{id}/stop: 304 when not running. A restarting container just stops restarting.
 * Emits kill (with the signal), die, then stop, as dockerd does.
 */
export async function stopContainer(ctx: Ctx, idOrName: string, opts: StopOptions = {}): Promise<void> {
  const record = ctx.table.get(idOrName);
  const signal = opts.signal ? parseDockerSignal(opts.signal) : stopSignalOf(record.config.StopSignal);
  await ctx.locks.run(record.id, async () => {
    const status = record.state.status;
    if (status === 'restarting') {
      ctx.hooks.cancelRestart(record.id);
      record.state.status = 'exited';
      record.state.manuallyStopped = true;
      await ctx.store.save(record);
      emit(ctx, record, 'stop');
      return;
    }
    if (status !== 'running' && status !== 'paused') throw new NotModified('container already stopped');
    record.state.manuallyStopped = true;
    ctx.exitOnNext.add(record.id);
    await ctx.store.save(record);
    const timeout = opts.timeout ?? record.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT;
    await stopProcess(ctx, record, signal, timeout);
    emit(ctx, record, 'stop');
  });
}
