import type { ContainerPruneResponse } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import type { Ctx } from './context.js';
import { matchLabels, parseUntil } from './list-filters.js';
import { removeContainer } from './remove.js';
import { type Filters, isRunning } from './types.js';

const PRUNE_FILTERS = ['until', 'label', 'label!'];

/** POST /containers/prune: removes stopped containers matching until/label/label!; emits prune. */
export async function pruneContainers(ctx: Ctx, filters: Filters = {}): Promise<ContainerPruneResponse> {
  for (const key of Object.keys(filters))
    if (!PRUNE_FILTERS.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
  const until = (filters.until ?? []).map((u) => parseUntil(u));
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const record of ctx.table.values()) {
    if (isRunning(record.state.status) || record.removing) continue;
    if (until.some((t) => Date.parse(record.created) >= t)) continue;
    if (!matchLabels(record.config.Labels ?? {}, filters.label ?? [], filters['label!'] ?? [])) continue;
    const size = await ctx.opts.driver.usage(record.snapshotKey).then(
      (u) => u.size,
      () => 0,
    );
    try {
      await removeContainer(ctx, record.id);
    } catch {
      continue; // started or removed meanwhile
    }
    deleted.push(record.id);
    reclaimed += size;
  }
  ctx.opts.events.publish({
    type: 'container',
    action: 'prune',
    id: '',
    attributes: { reclaimed: String(reclaimed) },
  });
  return { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
}
