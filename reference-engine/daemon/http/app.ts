import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type Duplex, finished, type Readable } from 'node:stream';
import Router from 'find-my-way';
import type { Query } from './query.js';

// shipd's HTTP layer: node:http with find-my-way's router, and the request and reply the route files
// use. What Docker's edge adds (versions, headers, bodies, errors) is in server.ts.

export type Method = 'GET' | 'POST' | 'PUT' | 'HEAD' | 'DELETE';

/** The names of a path's parameters: `:id` gives `id`, a trailing `*` gives `*`. */
export type ParamNames<P extends string> = string extends P
  ? string
  : P extends `${string}:${infer Name}/${infer Rest}`
    ? Name | ParamNames<`/${Rest}`>
    : P extends `${string}:${infer Name}`
      ? Name
      : P extends `${string}*`
        ? '*'
        : never;

/** What a route declares besides its handler. */
export interface RouteOptions {
  /** The route reads `req.raw` itself (a tar, a hijacked stream): no JSON parsing, no CheckForJSON. */
  rawBody?: boolean;
}

export interface Request<P extends string = string> {
  readonly raw: IncomingMessage;
  readonly method: string;
  readonly params: Readonly<Record<P, string>>;
  /** The query string; a repeated key is an array. */
  readonly query: Query;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when none, and on rawBody routes). */
  body: unknown;
}

/** A route's handler: what it returns (a value, not undefined) is sent unless it sent or took over the answer. */
export type Handler<P extends string = string> = (req: Request<P>, reply: Reply) => unknown;

/** A registered route. */
export interface Route {
  readonly options: RouteOptions;
  readonly handler: Handler;
}

/**
 * Takes a request that asked for `Connection: Upgrade` (Docker's `Upgrade: tcp` hijack, or a
 * websocket) with its URL already stripped of the version prefix. Returns false when it does not
 * serve that path: the server then routes it as a plain request.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/** How route files register their paths (unversioned: `/containers/:id/json`). */
export interface Routes {
  /** The hook point for daemon/streams/hijack-routes.ts: one upgrade handler per server. */
  onUpgrade(handler: UpgradeHandler): void;
  get<P extends string>(path: P, handler: Handler<ParamNames<P>>): void;
  get<P extends string>(path: P, options: RouteOptions, handler: Handler<ParamNames<P>>): void;
  post<P extends string>(path: P, handler: Handler<ParamNames<P>>): void;
  post<P extends string>(path: P, options: RouteOptions, handler: Handler<ParamNames<P>>): void;
  put<P extends string>(path: P, options: RouteOptions, handler: Handler<ParamNames<P>>): void;
  head<P extends string>(path: P, handler: Handler<ParamNames<P>>): void;
  delete<P extends string>(path: P, handler: Handler<ParamNames<P>>): void;
  route<P extends string>(
    methods: Method | readonly Method[],
    path: P,
    options: RouteOptions,
    handler: Handler<ParamNames<P>>,
  ): void;
}

const isStream = (payload: unknown): payload is Readable =>
  typeof (payload as Readable | null)?.pipe === 'function';

/**
 * The answer being built: status and headers go straight onto the ServerResponse (so that a route that
 * takes the response over keeps the edge's headers). `send` answers once; later calls are ignored.
 */
export class Reply {
  #state: 'open' | 'sent' | 'hijacked' = 'open';

  constructor(
    readonly raw: ServerResponse,
    private readonly method: string,
    private readonly onStreamError: (err: unknown) => void,
  ) {}

  /** True once the answer went (or is going) out, or the route took the response over. */
  get sent(): boolean {
    return this.#state !== 'open' || this.raw.headersSent;
  }

  get hijacked(): boolean {
    return this.#state === 'hijacked';
  }

  code(status: number): this {
    this.raw.statusCode = status;
    return this;
  }

  /** Sets a header (its name lower-cased on the wire, as every answer's). */
  header(name: string, value: string): this {
    this.raw.setHeader(name.toLowerCase(), value);
    return this;
  }

  type(contentType: string): this {
    return this.header('content-type', contentType);
  }

  /**
   * The route writes the answer itself on the returned response (a stream of events, logs, stats):
   * nothing is sent for it, and an error after this closes the connection.
   */
  hijack(): ServerResponse {
    this.#state = 'hijacked';
    return this.raw;
  }

  /**
   * Sends the answer: nothing (an empty body), a string (text/plain unless typed), a Buffer
   * (application/octet-stream unless typed), a readable stream (piped, its head sent with its first
   * bytes), or anything else as JSON (application/json).
   */
  send(payload?: unknown): this {
    if (this.#state !== 'open') return this;
    this.#state = 'sent';
    const res = this.raw;
    if (payload === undefined) {
      const status = res.statusCode;
      if (status >= 200 && status !== 204 && status !== 304 && this.method !== 'HEAD')
        res.setHeader('content-length', '0');
      res.end();
      return this;
    }
    if (isStream(payload)) {
      this.sendStream(payload);
      return this;
    }
    let body: string | Uint8Array;
    const type = res.getHeader('content-type');
    if (payload instanceof Uint8Array) {
      body = payload;
      if (type === undefined) res.setHeader('content-type', 'application/octet-stream');
    } else if (typeof payload === 'string' && (type === undefined || !String(type).includes('json'))) {
      body = payload;
      if (type === undefined) res.setHeader('content-type', 'text/plain; charset=utf-8');
    } else {
      body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      if (type === undefined) res.setHeader('content-type', 'application/json');
    }
    const length = res.getHeader('content-length');
    const size = Buffer.byteLength(body);
    if (length === undefined || (this.method !== 'HEAD' && Number(length) !== size))
      res.setHeader('content-length', String(size));
    res.end(body);
    return this;
  }

  private sendStream(stream: Readable): void {
    const res = this.raw;
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
    let open = true;
    finished(stream, { writable: false }, (err) => {
      open = false;
      if (!err) return;
      if (res.headersSent) res.destroy();
      else this.onStreamError(err); // nothing went out yet: the error is an ordinary answer
    });
    finished(res, () => {
      if (open) stream.destroy();
    });
    stream.pipe(res);
  }
}

/** What the edge does around every route (server.ts). */
export interface Edge {
  /** The path to route, from the request (the version prefix stripped). */
  path(raw: IncomingMessage): string;
  /**
   * Runs before the handler, and for an unknown path (route undefined) before `notFound`: headers,
   * checks, and the body. A throw, or a rejection, fails the request.
   */
  begin(req: Request, reply: Reply, route: Route | undefined, badUrl: boolean): Promise<void> | void;
  notFound(req: Request, reply: Reply): void;
  /** Answers a failed request (a throw or rejection of `begin` or the handler, a stream's error). */
  fail(err: unknown, req: Request, reply: Reply): Promise<void> | void;
}

class IncomingRequest implements Request {
  body: unknown = undefined;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  constructor(
    readonly raw: IncomingMessage,
    readonly params: Readonly<Record<string, string>>,
    readonly query: Query,
  ) {
    this.method = raw.method ?? 'GET';
    this.headers = raw.headers;
  }
}

const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** Routes, the server, and the edge that runs around each request. */
export class App implements Routes {
  readonly server: Server;
  upgradeHandler: UpgradeHandler | undefined;
  private readonly router: Router.Instance<Router.HTTPVersion.V1>;

  constructor(
    private readonly edge: Edge,
    options: { maxParamLength: number },
  ) {
    this.router = Router({ maxParamLength: options.maxParamLength, onBadUrl: () => {} });
    this.server = createServer((req, res) => this.routing(req, res));
  }

  onUpgrade(handler: UpgradeHandler): void {
    this.upgradeHandler = handler;
  }

  get<P extends string>(path: P, ...rest: [RouteOptions, Handler<ParamNames<P>>] | [Handler<ParamNames<P>>]) {
    this.add(['GET'], path, rest);
  }
  post<P extends string>(
    path: P,
    ...rest: [RouteOptions, Handler<ParamNames<P>>] | [Handler<ParamNames<P>>]
  ) {
    this.add(['POST'], path, rest);
  }
  put<P extends string>(path: P, options: RouteOptions, handler: Handler<ParamNames<P>>) {
    this.add(['PUT'], path, [options, handler]);
  }
  head<P extends string>(path: P, handler: Handler<ParamNames<P>>) {
    this.add(['HEAD'], path, [handler]);
  }
  delete<P extends string>(path: P, handler: Handler<ParamNames<P>>) {
    this.add(['DELETE'], path, [handler]);
  }
  route<P extends string>(
    methods: Method | readonly Method[],
    path: P,
    options: RouteOptions,
    handler: Handler<ParamNames<P>>,
  ) {
    this.add(typeof methods === 'string' ? [methods] : methods, path, [options, handler]);
  }

  private add(methods: readonly Method[], path: string, rest: readonly unknown[]): void {
    const [options, handler] = rest.length === 1 ? [{}, rest[0]] : rest;
    const route: Route = { options: options as RouteOptions, handler: handler as Handler };
    this.router.on([...methods], path, () => {}, route);
  }

  /** Serves one request (the server's, an extra listener's, or an upgrade request that is not hijacked). */
  routing(raw: IncomingMessage, res: ServerResponse): void {
    const path = this.edge.path(raw);
    const found = this.router.find((raw.method ?? 'GET') as Router.HTTPMethod, path);
    const route = (found?.store ?? undefined) as Route | undefined;
    const req = new IncomingRequest(
      raw,
      (found?.params as Record<string, string> | undefined) ?? NO_PARAMS,
      (found?.searchParams as Query | undefined) ?? {},
    );
    const fail = (err: unknown) => {
      Promise.resolve()
        .then(() => this.edge.fail(err, req, reply))
        .catch(() => res.destroy());
    };
    const reply = new Reply(res, req.method, fail);
    const badUrl = found !== null && found.store === null;
    this.serve(req, reply, route, badUrl).catch(fail);
  }

  private async serve(req: Request, reply: Reply, route: Route | undefined, badUrl: boolean): Promise<void> {
    await this.edge.begin(req, reply, route, badUrl);
    if (route === undefined) return this.edge.notFound(req, reply);
    const result = await route.handler(req, reply);
    if (!reply.sent && (result !== undefined || !req.raw.destroyed)) reply.send(result);
  }

  listen(address: { path: string } | { host: string; port: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      const done = () => {
        this.server.off('error', reject);
        resolve();
      };
      if ('path' in address) this.server.listen(address.path, done);
      else this.server.listen(address.port, address.host, done);
    });
  }

  /** Stops listening, and waits for the open requests to end. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }
}
