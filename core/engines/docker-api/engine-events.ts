import type { EngineEvents, EventOptions } from '../container-engine/types.js';
import type { DockerApiClient } from './client.js';

/** GET /events as ContainerEvents; resolves once the engine answered, so later actions are seen. */
export async function containerEvents(
  docker: DockerApiClient,
  opts: EventOptions = {},
): Promise<EngineEvents> {
  const stream = await docker.events({
    filters: opts.container === undefined ? undefined : { container: [opts.container] },
    since: opts.since,
    until: opts.until,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  async function* events() {
    for await (const m of stream) {
      yield {
        type: m.Type ?? '',
        action: m.Action ?? m.status ?? '',
        id: m.Actor?.ID ?? m.id ?? '',
        timeNano: m.timeNano ?? (m.time ?? 0) * 1e9,
        attributes: { ...(m.Actor?.Attributes ?? {}) },
      };
    }
  }
  const generator = events();
  return { [Symbol.asyncIterator]: () => generator, abort: () => stream.abort() };
}
