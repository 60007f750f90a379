import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';

/** GET /system/df (SystemDataUsageResponse): images with their container counts, containers, volumes. */
export function registerSystemDf(app: Routes, ctx: DaemonContext): void {
  app.get('/system/df', async () => {
    const images = ctx.images.list().map((image) => ({
      ...image,
      SharedSize: sharedSize(ctx, image.Id),
      Containers: ctx.containers.usingImage(image.Id).length,
    }));
    const volumes = await Promise.all(
      (await ctx.volumes.list()).map(async (v) => ({ ...v, UsageData: await ctx.volumes.usage(v.Name) })),
    );
    return {
      LayersSize: layersSize(ctx),
      Images: images,
      Containers: await ctx.containers.list({ all: true, size: true }),
      Volumes: volumes,
      BuildCache: [],
    };
  });
}

/** Bytes of every distinct layer of every image (a layer shared by images counted once). */
function layersSize(ctx: DaemonContext): number {
  const sizes = new Map<string, number>();
  for (const image of ctx.images.index.images())
    for (const layer of image.layers) sizes.set(layer.diffId, layer.size);
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}

/** Bytes of an image's layers that another image also has. */
function sharedSize(ctx: DaemonContext, id: string): number {
  const all = ctx.images.index.images();
  const image = all.find((i) => i.id === id);
  if (!image) return 0;
  const others = new Set(all.filter((i) => i.id !== id).flatMap((i) => i.layers.map((l) => l.diffId)));
  return image.layers.filter((l) => others.has(l.diffId)).reduce((sum, l) => sum + l.size, 0);
}
