import type { DaemonContext } from '../context.js';

/** GET /images/{name}/json: the store's inspect, with the daemon's storage driver as GraphDriver. */
export async function imageInspect(ctx: DaemonContext, name: string) {
  const inspect = await ctx.images.inspect(name);
  return { ...inspect, GraphDriver: { Name: ctx.driver.name, Data: {} } };
}
