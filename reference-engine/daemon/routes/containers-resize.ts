import { Conflict, InvalidArgument } from '../../errors.js';
import { writeResize } from '../../runtime/lifecycle/stdio-paths.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { intParam } from '../http/query.js';

/** `h` and `w` of a resize: both required integers (dockerd's strconv.Atoi). */
export function sizeParams(query: unknown): { h: number; w: number } {
  const h = intParam(query, 'h');
  const w = intParam(query, 'w');
  if (h === undefined || w === undefined) throw new InvalidArgument('resize needs both h and w');
  if (h < 0 || w < 0 || h > 0xffff || w > 0xffff) throw new InvalidArgument(`invalid TTY size ${h}x${w}`);
  return { h, w };
}

/**
 * POST /containers/{id}/resize: the shim's pty takes `H W` through the resize FIFO. 409 when the
 * container is not running; a container without a TTY has nothing to resize (200, as dockerd).
 */
export function registerContainersResize(app: Routes, ctx: DaemonContext): void {
  app.post('/containers/:id/resize', async (req, reply) => {
    const { id } = req.params;
    const record = ctx.containers.get(id);
    const { h, w } = sizeParams(req.query);
    if (record.state.status !== 'running' && record.state.status !== 'paused')
      throw new Conflict(`Container ${record.id} is not running`);
    if (record.config.Tty === true) writeResize(ctx.containers.runtimeRef(record.id).resizeFifo, h, w);
    return reply.code(200).send();
  });
}
