import { Forbidden, InvalidArgument, NotFound, NotImplemented } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { filtersParam } from '../http/query.js';
import { BUILTIN, type NetworkWire, networkOf } from '../system/builtin-networks.js';
import { engineId } from '../system/engine-id.js';

const LIST_FILTERS = ['driver', 'id', 'label', 'name', 'scope', 'type', 'dangling'];
/** dockerd's accepted filters for network prune. */
const PRUNE_FILTERS = ['until', 'label', 'label!'];
const NO_BRIDGE =
  'shipd has the predefined networks none and host only; user-defined (bridge) networks are not implemented yet';

/**
 * Networks: `none` and `host` listed and inspected as dockerd shows them. Creating, connecting or
 * disconnecting answers 501: shipd has no bridge driver yet. Prune has nothing to remove.
 */
export function registerNetworks(app: Routes, ctx: DaemonContext): void {
  const id = engineId(ctx.config.root);
  const created = new Date().toISOString();
  const all = () => BUILTIN.map((b) => networkOf(id, created, b, ctx.containers.all()));
  const find = (ref: string): NetworkWire => {
    const nets = all();
    const found =
      nets.find((n) => n.Id === ref || n.Name === ref) ??
      (ref.length > 0 ? nets.filter((n) => n.Id.startsWith(ref)) : []).at(0);
    if (!found) throw new NotFound(`network ${ref} not found`);
    return found;
  };

  app.get('/networks', async (req) => {
    const filters = filtersParam(req.query);
    for (const key of Object.keys(filters))
      if (!LIST_FILTERS.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
    return all()
      .filter((n) => networkMatches(n, filters))
      .map((n) => ({ ...n, Containers: {} }));
  });
  app.get('/networks/:id', async (req) => find(req.params.id));
  app.delete('/networks/:id', async (req) => {
    const net = find(req.params.id);
    throw new Forbidden(`${net.Name} is a pre-defined network and cannot be removed`);
  });
  app.post('/networks/create', async () => {
    throw new NotImplemented(NO_BRIDGE);
  });
  app.post('/networks/:id/connect', async (req) => {
    find(req.params.id);
    throw new NotImplemented(NO_BRIDGE);
  });
  app.post('/networks/:id/disconnect', async (req) => {
    find(req.params.id);
    throw new NotImplemented(NO_BRIDGE);
  });
  app.post('/networks/prune', async (req) => {
    for (const key of Object.keys(filtersParam(req.query)))
      if (!PRUNE_FILTERS.includes(key)) throw new InvalidArgument(`Invalid filter '${key}'`);
    return { NetworksDeleted: [] };
  });
}

function networkMatches(n: NetworkWire, filters: Record<string, string[]>): boolean {
  const any = (key: string, test: (v: string) => boolean) =>
    (filters[key] ?? []).length === 0 || (filters[key] ?? []).some(test);
  const labels = (filters.label ?? []).every((expr) => {
    const eq = expr.indexOf('=');
    return eq < 0 ? expr in n.Labels : n.Labels[expr.slice(0, eq)] === expr.slice(eq + 1);
  });
  return (
    labels &&
    any('driver', (v) => v === n.Driver) &&
    any('id', (v) => n.Id.startsWith(v)) &&
    any('name', (v) => n.Name.includes(v)) &&
    any('scope', (v) => v === n.Scope) &&
    any('type', (v) => {
      if (v !== 'builtin' && v !== 'custom') throw new InvalidArgument(`invalid filter: 'type'='${v}'`);
      return v === 'builtin';
    }) &&
    any('dangling', () => false)
  );
}
