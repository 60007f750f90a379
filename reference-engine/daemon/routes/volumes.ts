import { InvalidArgument } from '../../errors.js';
import type { VolumeCreateOptions } from '../../volumes/types.js';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { boolParam, filtersParam } from '../http/query.js';

/** /volumes: the local volume store; the store publishes create/destroy events itself. */
export function registerVolumes(app: Routes, ctx: DaemonContext): void {
  app.get('/volumes', async (req) => ({
    Volumes: await ctx.volumes.list(filtersParam(req.query)),
    Warnings: [],
  }));
  app.post('/volumes/create', async (req, reply) => {
    const body = req.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body))
      throw new InvalidArgument('the body must be a VolumeCreateOptions object');
    const volume = await ctx.volumes.create(checkCreate(body as Record<string, unknown>));
    return reply.code(201).send(volume);
  });
  app.get('/volumes/:name', async (req) => ctx.volumes.inspect(req.params.name));
  app.delete('/volumes/:name', async (req, reply) => {
    await ctx.volumes.remove(req.params.name, { force: boolParam(req.query, 'force') });
    return reply.code(204).send();
  });
  app.post('/volumes/prune', async (req) => ctx.volumes.prune(filtersParam(req.query)));
}

function checkCreate(body: Record<string, unknown>): VolumeCreateOptions {
  const text = (key: string) => {
    const v = body[key];
    if (v !== undefined && v !== null && typeof v !== 'string')
      throw new InvalidArgument(`${key} must be a string`);
    return (v ?? undefined) as string | undefined;
  };
  const map = (key: string) => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || !Object.values(v).every((x) => typeof x === 'string'))
      throw new InvalidArgument(`${key} must be an object of strings`);
    return v as Record<string, string>;
  };
  const name = text('Name');
  const driver = text('Driver');
  const opts = map('DriverOpts');
  const labels = map('Labels');
  return {
    ...(name !== undefined && { Name: name }),
    ...(driver !== undefined && { Driver: driver }),
    ...(opts !== undefined && { DriverOpts: opts }),
    ...(labels !== undefined && { Labels: labels }),
  };
}
