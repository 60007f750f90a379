import { execStoreOf } from '../../exec/exec-registry.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam, filtersParam, intParam, param } from '../http/query.js';

/** GET /containers/json, /containers/{id}/json and /containers/{id}/top. */
export function registerContainersRead(app: Routes, ctx: DaemonContext): void {
  app.get('/containers/json', async (req) =>
    ctx.containers.list({
      all: boolParam(req.query, 'all'),
      limit: intParam(req.query, 'limit') ?? 0,
      size: boolParam(req.query, 'size'),
      filters: filtersParam(req.query),
    }),
  );
  app.get('/containers/:id/json', async (req) => {
    const json = await ctx.containers.inspect(req.params.id, { size: boolParam(req.query, 'size') });
    const execs = execStoreOf(ctx).idsOf(json.Id);
    return execs.length > 0 ? { ...json, ExecIDs: execs } : json;
  });
  app.get('/containers/:id/top', async (req) =>
    ctx.containers.top(req.params.id, param(req.query, 'ps_args') || undefined),
  );
}
