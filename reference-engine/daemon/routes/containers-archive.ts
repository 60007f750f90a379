import { PassThrough } from 'node:stream';
import { Forbidden, NotFound } from '../../errors.js';
import type { DaemonContext } from '../context.js';
import type { Reply, Routes } from '../http/app.js';
import { boolParam, param } from '../http/query.js';

const STAT_HEADER = 'X-Docker-Container-Path-Stat';

/** The archive code (tar streams, openat2 resolution), loaded on the first archive call: not idle memory. */
const archive = async () => {
  const [get, path, extract, target] = await Promise.all([
    import('../../archive/archive-get.js'),
    import('../../archive/container-path.js'),
    import('../../archive/extract-into.js'),
    import('../../archive/resolve-target.js'),
  ]);
  return { ...get, ...path, ...extract, ...target };
};

/**
 * /containers/{id}/archive: HEAD (the path's stat in X-Docker-Container-Path-Stat), GET (a tar of it)
 * and PUT (a tar extracted into a directory). Paths resolve inside the container's root (or the volume
 * or bind mounted there) with openat2 RESOLVE_IN_ROOT: no symlink leads out. The rootfs is mounted for
 * the call when the container is not running.
 */
export function registerContainersArchive(app: Routes, ctx: DaemonContext): void {
  /** The record, the asked path, where it lives on the host, and a rootfs lease to release. */
  const open = async (id: string, query: unknown) => {
    const record = ctx.containers.get(id);
    const a = await archive();
    const { containerAbsPath, pathPlace } = a;
    const absPath = containerAbsPath(param(query, 'path'));
    const place = pathPlace(record, absPath);
    const lease = await ctx.containers.mountRootfs(record.id);
    const root = place.mountSource ?? lease.path;
    const missing = () => new NotFound(`Could not find the file ${absPath} in container ${record.id}`);
    return { record, absPath, place, lease, root, missing, a };
  };

  const stat = async (id: string, query: unknown, reply: Reply) => {
    const { place, lease, root, missing, a } = await open(id, query);
    try {
      const t = a.resolveTarget(root, place.inner, missing);
      try {
        reply.header(STAT_HEADER, a.pathStatHeader(a.pathStat(t)));
      } finally {
        t.close();
      }
    } finally {
      await lease.release();
    }
  };

  app.head('/containers/:id/archive', async (req, reply) => {
    await stat(req.params.id, req.query, reply);
    return reply.code(200).send();
  });

  app.get('/containers/:id/archive', async (req, reply) => {
    const { place, lease, root, missing, a } = await open(req.params.id, req.query);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lease.release();
    };
    try {
      const t = a.resolveTarget(root, place.inner, missing);
      reply.header(STAT_HEADER, a.pathStatHeader(a.pathStat(t)));
      const tar = a.archiveTar(t);
      tar.once('close', () => void release());
      return reply.code(200).type('application/x-tar').send(tar);
    } catch (err) {
      await release();
      throw err;
    }
  });

  app.put('/containers/:id/archive', { rawBody: true }, async (req, reply) => {
    const { place, lease, root, missing, a } = await open(req.params.id, req.query);
    try {
      if (place.readOnly) throw new Forbidden(place.readOnlyReason);
      // Through a pipe of its own: a refused tar destroys the pipe, not the request (and with it the
      // connection, before the refusal could be answered).
      await a.extractInto(root, place.inner, req.raw.pipe(new PassThrough()), {
        noOverwriteDirNonDir: boolParam(req.query, 'noOverwriteDirNonDir'),
        missing,
      });
    } finally {
      await lease.release();
      req.raw.resume(); // whatever the extract left unread
    }
    return reply.code(200).send();
  });
}
