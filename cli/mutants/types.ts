import type { Transform } from 'node:stream';

/** What a mutation sees of one client request (the path is split once for it). */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query exactly as the client sent them. */
  readonly url: string;
  /** The `/vX.Y` prefix without the `v` (`'1.41'`), or undefined when the path has none. */
  readonly version: string | undefined;
  /** The path without version prefix or query: `/containers/abc/start`. */
  readonly route: string;
  readonly query: URLSearchParams;
}

/** A response head as the engine sent it: header names keep their case, order is kept. */
export interface ResponseHead {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
}

/**
 * One deliberate mistake of a fake Docker-API engine. The proxy asks each hook in request order:
 * `rewriteUrl` (request line), `rewriteRequestJson` (a JSON body, read whole), `rewriteHead` (the
 * engine's response head), `transformBody` (a stream the response body is piped through). A hook
 * answers undefined to leave that part alone. `expectFailing` lists the docker-api suite tests (ids as
 * in results.json, `docker-api/<file> > <describe…> > <name>`) that must fail against this engine.
 */
export interface Mutation {
  readonly name: string;
  readonly description: string;
  readonly expectFailing: readonly string[];
  rewriteUrl?(req: ProxiedRequest): string | undefined;
  rewriteRequestJson?(req: ProxiedRequest, body: unknown): unknown;
  rewriteHead?(req: ProxiedRequest, head: ResponseHead): ResponseHead | undefined;
  transformBody?(req: ProxiedRequest, head: ResponseHead): Transform | undefined;
}
