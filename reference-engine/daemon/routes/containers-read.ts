import type { FastifyInstance } from 'fastify';
import { execStoreOf } from '../../exec/exec-registry.js';
import type { DaemonContext } from '../context.js';
import { boolParam, filtersParam, intParam, param } from '../http/query.js';

type ById = { Params: { id: string } };

/** GET /containers/json, /containers/{id}/json and /containers/{id}/top. */
export function registerContainersRead(app: FastifyInstance, ctx: DaemonContext): void {
  app.get('/containers/json', async (req) =>
    ctx.containers.list({
      all: boolParam(req.query, 'all'),
      limit: intParam(req.query, 'limit') ?? 0,
      size: boolParam(req.query, 'size'),
      filters: filtersParam(req.query),
    }),
  );
  app.get<ById>('/containers/:id/json', async (req) => {
    const json = await ctx.containers.inspect(req.params.id, { size: boolParam(req.query, 'size') });
    const execs = execStoreOf(ctx).idsOf(json.Id);
    return execs.length > 0 ? { ...json, ExecIDs: execs } : json;
  });
  app.get<ById>('/containers/:id/top', async (req) =>
    ctx.containers.top(req.params.id, param(req.query, 'ps_args') || undefined),
  );
}
