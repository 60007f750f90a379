import type { Context } from '../context.js';
import type { ImageSource } from '../source-types.js';
import { checkLayer } from './check-layer.js';

/** The second pass: stream every referenced layer once, in archive order, recording diff_ids. */
export async function checkLayers(ctx: Context, source: ImageSource, signal: AbortSignal): Promise<void> {
  if (ctx.layerJobs.size === 0) return;
  await source.stream(new Set(ctx.layerJobs.keys()), async (realPath, data) => {
    const job = ctx.layerJobs.get(realPath);
    if (!job) {
      data.destroy();
      return;
    }
    const result = await checkLayer(data, job.file.path, job.file.head, job.declared, ctx.limits, signal);
    for (const d of result.defects) ctx.add({ ...d, blob: job.file.path });
    if (result.diffId !== undefined) ctx.diffIds.set(realPath, result.diffId);
  });
}
