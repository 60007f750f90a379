import type { DaemonContext } from '../context.js';
import type { Reply } from '../http/app.js';

/** `docker save`: a docker-archive tar of `names` (resolved first, so an unknown name is a 404). */
export function sendImageTar(ctx: DaemonContext, reply: Reply, names: readonly string[]) {
  const ids = names.map((name) => ctx.images.resolve(name).id);
  const tar = ctx.images.save(names);
  for (const [i, id] of ids.entries())
    ctx.events.publish({ type: 'image', action: 'save', id, attributes: { name: names[i] ?? id } });
  return reply.type('application/x-tar').send(tar);
}
