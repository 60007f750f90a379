import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { param } from '../http/query.js';
import { checkCreateBody } from './containers-body.js';

/** POST /containers/create: 201 {Id, Warnings}; 400 bad name or body, 404 no such image, 409 name taken. */
export function registerContainersCreate(app: Routes, ctx: DaemonContext): void {
  app.post('/containers/create', async (req, reply) => {
    const body = checkCreateBody(req.body);
    const name = param(req.query, 'name');
    const { id, warnings } = await ctx.containers.create({ ...(name ? { name } : {}), body });
    return reply.code(201).send({ Id: id, Warnings: warnings });
  });
}
