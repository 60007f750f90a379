import { InvalidArgument, NotImplemented } from '../../errors.js';
import type { Routes } from '../http/app.js';
import { filtersParam } from '../http/query.js';

const PRUNE_FILTERS = [
  'until',
  'unused-for',
  'id',
  'parent',
  'type',
  'description',
  'inuse',
  'shared',
  'private',
];

/**
 * Image build, as far as shipd has it: no builder yet, so POST /build and /session answer 501, and the
 * build cache is always empty (prune reclaims nothing; its filters are still checked as dockerd's).
 */
export function registerBuild(app: Routes): void {
  app.post('/build', { rawBody: true }, async () => {
    throw new NotImplemented('shipd does not build images yet');
  });
  app.post('/session', async (req) => {
    if (req.headers.upgrade === undefined) throw new InvalidArgument('no upgrade proto in request');
    throw new NotImplemented('shipd does not serve BuildKit sessions');
  });
  app.post('/build/prune', async (req) => {
    for (const key of Object.keys(filtersParam(req.query)))
      if (!PRUNE_FILTERS.includes(key))
        throw new InvalidArgument(`failed to prune build cache: Invalid filter '${key}'`);
    return { CachesDeleted: [], SpaceReclaimed: 0 };
  });
}
