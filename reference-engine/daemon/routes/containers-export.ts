import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';

/**
 * GET /containers/{id}/export (the whole rootfs as a tar, mounted for the call when stopped) and GET
 * /containers/{id}/changes (the layer diff classed against the image; null when empty, as dockerd).
 */
export function registerContainersExport(app: Routes, ctx: DaemonContext): void {
  app.get('/containers/:id/export', async (req, reply) => {
    const record = ctx.containers.get(req.params.id);
    const { exportRootfs } = await import('../../archive/export-rootfs.js'); // loaded on first use
    const lease = await ctx.containers.mountRootfs(record.id);
    const tar = exportRootfs(lease.path, () => lease.release());
    return reply.code(200).type('application/x-tar').send(tar);
  });

  app.get('/containers/:id/changes', async (req) => {
    const record = ctx.containers.get(req.params.id);
    const { containerChanges } = await import('../../archive/container-changes.js');
    const changes = await containerChanges(ctx.driver, record.snapshotKey);
    return changes.length === 0 ? null : changes;
  });
}
