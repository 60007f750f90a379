import { type Ctx, emit } from './context.js';
import { runProcess } from './run-process.js';
import { parseDockerSignal, stopSignalOf } from './signals.js';
import { DEFAULT_STOP_TIMEOUT } from './stop.js';
import { stopProcess } from './stop-process.js';
import type { StopOptions } from './types.js';

/** POST /containers/{id}/restart: stop when running (timeout, then SIGKILL), start, emit restart. */
export async function restartContainer(ctx: Ctx, idOrName: string, opts: StopOptions = {}): Promise<void> {
  const record = ctx.table.get(idOrName);
  const signal = opts.signal ? parseDockerSignal(opts.signal) : stopSignalOf(record.config.StopSignal);
  await ctx.locks.run(record.id, async () => {
    ctx.hooks.cancelRestart(record.id);
    const status = record.state.status;
    if (status === 'running' || status === 'paused') {
      ctx.exitOnNext.add(record.id);
      await stopProcess(
        ctx,
        record,
        signal,
        opts.timeout ?? record.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT,
      );
      emit(ctx, record, 'stop');
    }
    record.restartCount = 0;
    record.state.manuallyStopped = false;
    ctx.backoff.delete(record.id);
    await runProcess(ctx, record);
    emit(ctx, record, 'restart');
  });
}
