import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { param } from '../http/query.js';
import { checkUpdateBody } from './containers-body.js';

/** POST /containers/{id}/rename (204) and /containers/{id}/update (200 {Warnings}). */
export function registerContainersEdit(app: Routes, ctx: DaemonContext): void {
  app.post('/containers/:id/rename', async (req, reply) => {
    await ctx.containers.rename(req.params.id, param(req.query, 'name') ?? '');
    return reply.code(204).send();
  });
  app.post('/containers/:id/update', async (req) =>
    ctx.containers.update(req.params.id, checkUpdateBody(req.body)),
  );
}
