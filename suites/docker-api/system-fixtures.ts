import { afterAll } from 'vitest';
import { buildSpec, type CreateOption, createBody, type SuiteContext } from './support/index.js';

// Objects that live for a whole test file (the support context removes tracked containers after each test).

/**
 * Registers an afterAll that force-removes every container made with the returned function, and returns
 * a maker: `await fileContainer(start, ...opts)` creates (and optionally starts) a container from the
 * suite image with the run label and a unique name.
 */
export function fileContainers(ctx: SuiteContext) {
  const ids: string[] = [];
  afterAll(async () => {
    for (const id of ids)
      await ctx.client.containers.remove(id, { force: true, v: true }).catch(() => undefined);
  });
  return async (start: boolean, ...opts: CreateOption[]): Promise<{ id: string; name: string }> => {
    const spec = buildSpec(ctx, ...opts);
    const { Id } = await ctx.client.containers.create(spec.name, createBody(spec));
    ids.push(Id);
    if (start) await ctx.client.containers.start(Id);
    return { id: Id, name: spec.name };
  };
}
