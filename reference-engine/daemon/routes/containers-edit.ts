import type { FastifyInstance } from 'fastify';
import type { DaemonContext } from '../context.js';
import { param } from '../http/query.js';
import { checkUpdateBody } from './containers-body.js';

type ById = { Params: { id: string } };

/** POST /containers/{id}/rename (204) and /containers/{id}/update (200 {Warnings}). */
export function registerContainersEdit(app: FastifyInstance, ctx: DaemonContext): void {
  app.post<ById>('/containers/:id/rename', async (req, reply) => {
    await ctx.containers.rename(req.params.id, param(req.query, 'name') ?? '');
    return reply.code(204).send();
  });
  app.post<ById>('/containers/:id/update', async (req) =>
    ctx.containers.update(req.params.id, checkUpdateBody(req.body)),
  );
}
