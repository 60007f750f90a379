import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam, filtersParam } from '../http/query.js';

/** DELETE /containers/{id} (204; 409 running without force) and POST /containers/prune (200). */
export function registerContainersRemove(app: Routes, ctx: DaemonContext): void {
  app.delete('/containers/:id', async (req, reply) => {
    await ctx.containers.remove(req.params.id, {
      force: boolParam(req.query, 'force'),
      volumes: boolParam(req.query, 'v'),
      link: boolParam(req.query, 'link'),
    });
    return reply.code(204).send();
  });
  app.post('/containers/prune', async (req) => ctx.containers.prune(filtersParam(req.query)));
}
