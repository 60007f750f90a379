import { Conflict } from '../errors.js';
import { resumeContainer, pauseContainer as runtimePause } from '../runtime/index.js';
import { type Ctx, emit } from './context.js';

/** POST /containers/{id}/pause: the cgroup freezer; 409 unless running. */
export async function pauseContainer(ctx: Ctx, idOrName: string): Promise<void> {
  const record = ctx.table.get(idOrName);
  await ctx.locks.run(record.id, async () => {
    const status = record.state.status;
    if (status === 'paused') throw new Conflict(`Container ${record.id} is already paused`);
    if (status === 'restarting')
      throw new Conflict(`Container ${record.id} is restarting, wait until the container is running`);
    if (status !== 'running') throw new Conflict(`Container ${record.id} is not running`);
    await runtimePause(ctx.runtimeRoot, record.id);
    record.state.status = 'paused';
    await ctx.store.save(record);
    emit(ctx, record, 'pause');
  });
}

/** POST /containers/{id}/unpause: thaws; dockerd answers 500 (a plain error) when not paused. */
export async function unpauseContainer(ctx: Ctx, idOrName: string): Promise<void> {
  const record = ctx.table.get(idOrName);
  await ctx.locks.run(record.id, async () => {
    if (record.state.status !== 'paused') throw new Error(`Container ${record.id} is not paused`);
    await resumeContainer(ctx.runtimeRoot, record.id);
    record.state.status = 'running';
    await ctx.store.save(record);
    emit(ctx, record, 'unpause');
  });
}
