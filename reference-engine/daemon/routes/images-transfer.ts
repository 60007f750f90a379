import { InvalidArgument, NotImplemented } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Reply, Request, Routes } from '../http/app.js';
import { listParam, param } from '../http/query.js';
import { sendImageTar } from '../images/send-image-tar.js';
import { hostFacts } from '../system/host-facts.js';

const NO_PULL =
  'shipd does not pull images yet: it has no registry client. Load images with POST /images/load (docker load)';

/** Load, save (several), import and pull: the tar-in, tar-out and progress-stream image calls. */
export function registerImagesTransfer(app: Routes, ctx: DaemonContext): void {
  app.post('/images/load', { rawBody: true }, async (req, reply) => {
    const result = await ctx.images.load(req.raw);
    for (const image of result.images)
      ctx.events.publish({
        type: 'image',
        action: 'load',
        id: image.id,
        attributes: { name: image.tags[0] ?? image.id },
      });
    // quiet only silences layer progress in dockerd, which shipd does not stream: the lines are the same.
    const lines = result.messages.map((m) => `${JSON.stringify({ stream: `${m}\n` })}\n`);
    return reply.type('application/json').send(lines.join(''));
  });

  app.get('/images/get', async (req, reply) => {
    const names = listParam(req.query, 'names');
    if (names.length === 0) throw new InvalidArgument('no image names given: use names=NAME (repeatable)');
    return sendImageTar(ctx, reply, names);
  });

  app.post('/images/create', { rawBody: true }, async (req, reply) => {
    const fromSrc = param(req.query, 'fromSrc');
    if (fromSrc !== undefined && fromSrc !== '') return importImage(ctx, req, reply, fromSrc);
    if (param(req.query, 'fromImage')) throw new NotImplemented(NO_PULL);
    throw new InvalidArgument('either fromImage or fromSrc must be given');
  });

  app.get('/distribution/*', async () => {
    throw new NotImplemented('shipd does not reach registries yet: no distribution information');
  });
}

async function importImage(ctx: DaemonContext, req: Request, reply: Reply, fromSrc: string) {
  if (fromSrc !== '-')
    throw new NotImplemented('shipd imports from the request body only (fromSrc=-), not from a URL');
  const repo = param(req.query, 'repo');
  const tag = param(req.query, 'tag');
  if (tag && !repo) throw new InvalidArgument('a tag needs a repo');
  const message = param(req.query, 'message');
  const { importRootfs } = await import('../images/import-rootfs.js'); // loaded on first use
  const id = await importRootfs(ctx.images, req.raw, {
    ...(repo && { ref: tag ? `${repo}:${tag}` : repo }),
    ...(message !== undefined && { message }),
    changes: listParam(req.query, 'changes'),
    architecture: hostFacts().goArch,
  });
  ctx.events.publish({ type: 'image', action: 'import', id, attributes: { name: id } });
  return reply.type('application/json').send(`${JSON.stringify({ status: id })}\n`);
}
