import type { WaitCondition } from '../../containers/types.js';
import { WAIT_CONDITIONS } from '../../containers/wait.js';
import { InvalidArgument } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { param } from '../http/query.js';

/**
 * POST /containers/{id}/wait: as dockerd, the 200 and its headers go out at once (a client may start
 * the container meanwhile); the body {StatusCode, Error} follows when the condition holds. A client
 * that goes away ends the wait.
 */
export function registerContainersWait(app: Routes, ctx: DaemonContext): void {
  app.post('/containers/:id/wait', async (req, reply) => {
    const condition = (param(req.query, 'condition') || 'not-running') as WaitCondition;
    if (!WAIT_CONDITIONS.includes(condition)) throw new InvalidArgument(`invalid condition: "${condition}"`);
    ctx.containers.get(req.params.id); // 404 before the 200 goes out
    const abort = new AbortController();
    const done = ctx.containers.wait(req.params.id, condition, abort.signal);
    const res = reply.hijack();
    res.writeHead(200, { 'Content-Type': 'application/json' }); // with the edge's headers, set already
    res.flushHeaders();
    res.on('close', () => abort.abort(new Error('client went away')));
    try {
      res.end(`${JSON.stringify(await done)}\n`);
    } catch (err) {
      if (abort.signal.aborted) return;
      res.end(`${JSON.stringify({ StatusCode: -1, Error: { Message: (err as Error).message } })}\n`);
    }
  });
}
