import { Conflict, InvalidArgument } from '../errors.js';
import { type Ctx, emit } from './context.js';
import { checkName } from './names.js';

/** POST /containers/{id}/rename: Docker's name rules; 409 when taken; emits rename with oldName. */
export async function renameContainer(ctx: Ctx, idOrName: string, newName: string): Promise<void> {
  const record = ctx.table.get(idOrName);
  if (!newName) throw new InvalidArgument('Neither old nor new names may be empty');
  const name = checkName(newName);
  await ctx.locks.run(record.id, async () => {
    const old = record.name;
    if (name === old)
      throw new InvalidArgument('Renaming a container with the same name as its current name');
    try {
      ctx.table.reserveName(name, record.id);
    } catch (err) {
      if (err instanceof Conflict) throw new Conflict(`Error when allocating new name: ${err.message}`);
      throw err;
    }
    record.name = name;
    try {
      await ctx.store.save(record);
    } catch (err) {
      record.name = old;
      ctx.table.releaseName(name, record.id);
      throw err;
    }
    ctx.table.releaseName(old, record.id);
    emit(ctx, record, 'rename', { oldName: old });
  });
}
