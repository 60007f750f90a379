import type { DaemonContext } from '../context.js';
import type { Reply, Routes } from '../http/app.js';
import { intParam, param } from '../http/query.js';

const noContent = (reply: Reply) => reply.code(204).send();

/** Stop options from the query: `t` (seconds before SIGKILL) and `signal` (API 1.42, accepted). */
function stopOptions(query: unknown) {
  const timeout = intParam(query, 't');
  const signal = param(query, 'signal');
  return { ...(timeout !== undefined && { timeout }), ...(signal && { signal }) };
}

/** start (204, 304 when running), stop (204, 304), restart, kill, pause, unpause (204). */
export function registerContainersLifecycle(app: Routes, ctx: DaemonContext): void {
  app.post('/containers/:id/start', async (req, reply) => {
    await ctx.containers.start(req.params.id);
    return noContent(reply);
  });
  app.post('/containers/:id/stop', async (req, reply) => {
    await ctx.containers.stop(req.params.id, stopOptions(req.query));
    return noContent(reply);
  });
  app.post('/containers/:id/restart', async (req, reply) => {
    await ctx.containers.restart(req.params.id, stopOptions(req.query));
    return noContent(reply);
  });
  app.post('/containers/:id/kill', async (req, reply) => {
    await ctx.containers.kill(req.params.id, param(req.query, 'signal') || 'KILL');
    return noContent(reply);
  });
  app.post('/containers/:id/pause', async (req, reply) => {
    await ctx.containers.pause(req.params.id);
    return noContent(reply);
  });
  app.post('/containers/:id/unpause', async (req, reply) => {
    await ctx.containers.unpause(req.params.id);
    return noContent(reply);
  });
}
