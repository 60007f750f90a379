import { eventAttributes } from '../../containers/context.js';
import { NotFound } from '../../errors.js';
import { assertCanExec } from '../../exec/exec-guards.js';
import { execInspect } from '../../exec/exec-inspect.js';
import { execStoreOf } from '../../exec/exec-registry.js';
import { execSettings } from '../../exec/exec-settings.js';
import { writeResize } from '../../runtime/lifecycle/stdio-paths.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { parseDetachKeys } from '../streams/detach-keys.js';
import { sizeParams } from './containers-resize.js';

/**
 * Exec instances: create (201 IdResponse; 404 no container; 409 not running or paused), inspect, and
 * resize of a running TTY exec. Start is a hijacked endpoint (streams/exec-start-stream.ts).
 */
export function registerExec(app: Routes, ctx: DaemonContext): void {
  const store = execStoreOf(ctx);

  app.post('/containers/:id/exec', async (req, reply) => {
    const { id } = req.params;
    const record = ctx.containers.get(id);
    const settings = execSettings(req.body);
    if (settings.detachKeys !== '') parseDetachKeys(settings.detachKeys);
    assertCanExec(record);
    const exec = store.create(record.id, settings);
    ctx.events.publish({
      type: 'container',
      action: `exec_create: ${settings.cmd.join(' ')}`,
      id: record.id,
      attributes: eventAttributes(record, { execID: exec.id }),
    });
    return reply.code(201).send({ Id: exec.id });
  });

  app.get('/exec/:id/json', async (req) => {
    const { id } = req.params;
    return execInspect(store.get(id));
  });

  app.post('/exec/:id/resize', async (req, reply) => {
    const { id } = req.params;
    const exec = store.get(id);
    const { h, w } = sizeParams(req.query);
    if (exec.status !== 'running') throw new NotFound(`No such exec instance: ${exec.id} is not running`);
    if (exec.resizeFifo) writeResize(exec.resizeFifo, h, w);
    return reply.code(200).send();
  });
}
