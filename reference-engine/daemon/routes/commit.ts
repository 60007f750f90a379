import type { ImageConfig } from '../../../spec/oci-image/types.js';
import { InvalidArgument } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam, listParam, param } from '../http/query.js';
import { applyChanges, type ChangedConfig } from '../images/parse-changes.js';
import { checkCreateBody } from './containers-body.js';

/**
 * POST /commit: the container's filesystem changes on top of its image, with the container's config
 * (the body's fields and `changes` over it). A running container is paused meanwhile unless pause=0.
 */
export function registerCommit(app: Routes, ctx: DaemonContext): void {
  app.post('/commit', async (req, reply) => {
    const record = ctx.containers.get(param(req.query, 'container') ?? '');
    // dockerd decodes the body as a create body (config, HostConfig, NetworkingConfig): the same checks.
    const body = req.body === undefined || req.body === null ? {} : checkCreateBody(req.body);
    const repo = param(req.query, 'repo');
    const tag = param(req.query, 'tag');
    if (tag && !repo) throw new InvalidArgument('a tag needs a repo');
    const config = applyChanges(
      { ...(record.config as ChangedConfig), ...(body as ChangedConfig) },
      listParam(req.query, 'changes'),
    );
    const pause = boolParam(req.query, 'pause', true) && record.state.status === 'running';
    if (pause) await ctx.containers.pause(record.id);
    const comment = param(req.query, 'comment');
    const author = param(req.query, 'author');
    try {
      const { commitContainer } = await import('../../commit/commit-container.js'); // loaded on first use
      const result = await commitContainer(ctx.images, ctx.driver, {
        key: record.snapshotKey,
        image: record.image,
        ...(repo && { tag: tag ? `${repo}:${tag}` : repo }),
        createdBy: [record.path, ...record.args].join(' '),
        ...(comment && { comment }),
        ...(author !== undefined && { author }),
        config: config as ImageConfig['config'],
      });
      ctx.events.publish({
        type: 'container',
        action: 'commit',
        id: record.id,
        attributes: {
          comment: comment ?? '',
          imageID: result.id,
          imageRef: repo ?? '',
          name: record.name.replace(/^\//, ''),
        },
      });
      return reply.code(201).send({ Id: result.id });
    } finally {
      if (pause) await ctx.containers.unpause(record.id).catch(() => undefined);
    }
  });
}
