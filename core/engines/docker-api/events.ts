import type { EventMessage } from '../../../spec/docker-api/system.js';
import type { CallOptions } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { jsonValues } from './json-stream.js';
import { type Filters, filtersParam } from './query.js';

export interface EventsOptions extends CallOptions {
  readonly filters?: Filters;
  /** Unix seconds (may be fractional) or an RFC 3339 date. */
  readonly since?: number | string;
  readonly until?: number | string;
  /** Longest life of the stream; default the client's stream timeout. */
  readonly streamTimeoutMs?: number;
}

/**
 * Live engine events. Lifecycle: `const ev = await client.events({ filters })` resolves once the engine
 * has answered (so later actions are seen); iterate with `for await`; `ev.abort()` ends the iteration
 * quietly; without `until` it runs until aborted or its stream timeout.
 */
export interface EventStream extends AsyncIterable<EventMessage> {
  abort(): void;
}

export async function events(core: DockerApiCore, opts: EventsOptions = {}): Promise<EventStream> {
  const res = await core.stream('GET', '/events', {
    query: {
      filters: filtersParam(opts.filters),
      since: opts.since?.toString(),
      until: opts.until?.toString(),
    },
    timeoutMs: opts.timeoutMs,
    streamTimeoutMs: opts.streamTimeoutMs,
    signal: opts.signal,
  });
  let aborted = false;
  async function* iterate(): AsyncGenerator<EventMessage> {
    try {
      for await (const value of jsonValues(res.body)) yield value as EventMessage;
    } catch (err) {
      if (!aborted) throw err;
    }
  }
  const generator = iterate();
  return {
    [Symbol.asyncIterator]: () => generator,
    abort: () => {
      aborted = true;
      res.abort();
    },
  };
}
