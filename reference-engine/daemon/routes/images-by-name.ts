import { InvalidArgument, NotImplemented } from '../../errors.js';
import { familiar, parseTagged } from '../../images/reference/parse-reference.js';
import type { DaemonContext } from '../context.js';
import type { Reply, Routes } from '../http/app.js';
import { boolParam, param } from '../http/query.js';
import { imageInspect } from '../images/image-inspect.js';
import { sendImageTar } from '../images/send-image-tar.js';

/** Splits `/images/{name}/{op}`: names hold slashes (`a/b:c`), so the op is the last segment. */
function nameAndOp(rest: string, ops: readonly string[]): { name: string; op: string } {
  const slash = rest.lastIndexOf('/');
  const op = slash < 0 ? '' : rest.slice(slash + 1);
  if (slash > 0 && ops.includes(op)) return { name: rest.slice(0, slash), op };
  return { name: rest, op: '' };
}

/**
 * The per-image routes. Image names contain slashes, so they are wildcard routes dispatched on the last
 * segment: GET {name}/json|history|get, POST {name}/tag|push, DELETE {name}.
 */
export function registerImagesByName(app: Routes, ctx: DaemonContext): void {
  app.get('/images/*', async (req, reply) => {
    const { name, op } = nameAndOp(req.params['*'], ['json', 'history', 'get']);
    if (op === 'json') return imageInspect(ctx, name);
    if (op === 'history') return ctx.images.history(name);
    if (op === 'get') return sendImageTar(ctx, reply, [name]);
    return notFound(reply);
  });
  app.post('/images/*', async (req, reply) => {
    const { name, op } = nameAndOp(req.params['*'], ['tag', 'push']);
    if (op === 'tag') return tag(ctx, reply, name, param(req.query, 'repo'), param(req.query, 'tag'));
    if (op === 'push') {
      const tagName = param(req.query, 'tag');
      ctx.images.resolve(tagName ? `${name}:${tagName}` : name);
      throw new NotImplemented('shipd does not push images yet: save them with GET /images/{name}/get');
    }
    return notFound(reply);
  });
  app.delete('/images/*', async (req) => {
    const name = req.params['*'];
    const { id } = ctx.images.resolve(name);
    const items = await ctx.images.remove(name, { force: boolParam(req.query, 'force') });
    for (const item of items) {
      if (item.Untagged)
        ctx.events.publish({ type: 'image', action: 'untag', id, attributes: { name: item.Untagged } });
      if (item.Deleted)
        ctx.events.publish({ type: 'image', action: 'delete', id, attributes: { name: item.Deleted } });
    }
    return items;
  });
}

async function tag(ctx: DaemonContext, reply: Reply, name: string, repo?: string, tagName?: string) {
  const image = ctx.images.resolve(name);
  if (repo === undefined || repo === '')
    throw new InvalidArgument('repository name must have at least one component');
  if (repo.includes('@')) throw new InvalidArgument(`refusing to create a tag with a digest reference`);
  const target = tagName ? `${repo}:${tagName}` : repo;
  await ctx.images.tag(image.id, target);
  ctx.events.publish({
    type: 'image',
    action: 'tag',
    id: image.id,
    attributes: { name: familiar(parseTagged(target)) },
  });
  return reply.code(201).send();
}

const notFound = (reply: Reply) =>
  reply.code(404).type('application/json').send({ message: 'page not found' });
