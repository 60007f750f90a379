import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { filtersParam } from '../http/query.js';

/** GET /images/json and POST /images/prune on the image store (its filters, its prune). */
export function registerImagesList(app: Routes, ctx: DaemonContext): void {
  app.get('/images/json', async (req) => ctx.images.list(filtersParam(req.query)));
  app.post('/images/prune', async (req) => {
    const result = await ctx.images.prune(filtersParam(req.query));
    for (const item of result.ImagesDeleted) {
      if (item.Untagged)
        ctx.events.publish({
          type: 'image',
          action: 'untag',
          id: item.Untagged,
          attributes: { name: item.Untagged },
        });
      if (item.Deleted)
        ctx.events.publish({
          type: 'image',
          action: 'delete',
          id: item.Deleted,
          attributes: { name: item.Deleted },
        });
    }
    return result;
  });
}
