import type { ContainerSummary } from '../daemon/wire/containers.js';
import type { Ctx } from './context.js';
import { sizesOf } from './inspect.js';
import { checkListFilters, type ListContext, matchesFilters } from './list-filters.js';
import { networksOf } from './network-settings.js';
import { statusText } from './status-text.js';
import type { ContainerRecord, ListOptions } from './types.js';

function summary(ctx: Ctx, r: ContainerRecord): ContainerSummary {
  return {
    Id: r.id,
    Names: [r.name],
    Image: r.imageRef,
    ImageID: r.image,
    Command: [r.path, ...r.args].join(' '),
    Created: Math.floor(Date.parse(r.created) / 1000),
    Ports: [],
    Labels: r.config.Labels ?? {},
    State: r.removing ? 'removing' : r.state.status,
    Status: statusText(r),
    HostConfig: { NetworkMode: r.hostConfig.NetworkMode ?? 'default' },
    NetworkSettings: { Networks: networksOf(r, ctx.opts.networkId ?? (() => '')) },
    Mounts: r.mounts,
  };
}

/**
 * GET /containers/json: running ones unless `all` (a `status` filter, `limit`, before or since
 * imply all, as with dockerd); newest first; `limit` keeps the newest N; `size` adds SizeRw/SizeRootFs.
 */
export async function listContainers(ctx: Ctx, opts: ListOptions = {}): Promise<ContainerSummary[]> {
  const filters = opts.filters ?? {};
  const { impliesAll } = checkListFilters(filters);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
  const all = opts.all || impliesAll || limit > 0 || !!filters.before?.length || !!filters.since?.length;
  const lookup: ListContext = {
    imageId: (ref) => {
      try {
        return ctx.opts.images.resolve(ref).id;
      } catch {
        return undefined;
      }
    },
    container: (idOrName) => ctx.table.get(idOrName),
  };
  let records = ctx.table
    .values()
    .filter((r) => !r.creating)
    .filter(
      (r) =>
        all || r.state.status === 'running' || r.state.status === 'paused' || r.state.status === 'restarting',
    )
    .filter((r) => matchesFilters(r, filters, lookup))
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.created.localeCompare(a.created));
  if (limit > 0) records = records.slice(0, limit);
  const out = records.map((r) => summary(ctx, r));
  if (opts.size)
    for (const [i, r] of records.entries()) Object.assign(out[i] as ContainerSummary, await sizesOf(ctx, r));
  return out;
}
