import { InvalidArgument, NotFound, NotImplemented } from '../../errors.js';
import type { Routes } from '../http/app.js';
import { filtersParam, param } from '../http/query.js';

const NO_PLUGINS = 'shipd does not install managed plugins';

/** Managed plugins: shipd has none. The list is empty; any named plugin is not found, as in dockerd. */
export function registerPlugins(app: Routes): void {
  app.get('/plugins', async (req) => {
    const filters = filtersParam(req.query);
    for (const key of Object.keys(filters))
      if (key !== 'capability' && key !== 'enable') throw new InvalidArgument(`Invalid filter '${key}'`);
    return [];
  });
  const notFound = (name: string) => new NotFound(`plugin "${name}" not found`);
  app.get('/plugins/:name/json', async (req) => {
    throw notFound(req.params.name);
  });
  app.delete('/plugins/:name', async (req) => {
    throw notFound(req.params.name);
  });
  for (const action of ['enable', 'disable', 'push', 'set'] as const)
    app.post(`/plugins/:name/${action}`, async (req) => {
      throw notFound(req.params.name);
    });
  app.post('/plugins/:name/upgrade', async (req) => {
    const name = req.params.name;
    throw notFound(name.includes(':') ? name : `${name}:latest`);
  });
  app.get('/plugins/privileges', async () => {
    throw new NotImplemented(NO_PLUGINS);
  });
  app.post('/plugins/pull', async () => {
    throw new NotImplemented(NO_PLUGINS);
  });
  app.post('/plugins/create', { rawBody: true }, async (req) => {
    throw new NotImplemented(`${NO_PLUGINS}: cannot create ${param(req.query, 'name') ?? 'a plugin'}`);
  });
}
