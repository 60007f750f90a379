import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidArgument } from '../../errors.js';
import type { DaemonContext, RegisterRoutes } from '../context.js';
import { API_VERSION, applyVersionPrefix, type VersionRule } from './api-version.js';
import { App, type Edge, type Reply, type Request, type Route } from './app.js';
import { jsonBody } from './body-parsers.js';
import {
  answerClientError,
  answerConnect,
  answerHalfClosed,
  checkHttpMessage,
  drainRequest,
} from './edge.js';
import { errorReply } from './error-reply.js';
import { handleUpgrade } from './serve-upgrade.js';

export interface ServerOptions {
  /** shipd's version, for the Server header. */
  version: string;
  routes: readonly RegisterRoutes[];
  /** Log every request to stderr (`--log-level debug`): one line when it ends. */
  logRequests?: boolean;
}

/** A path parameter may be this long (an image name with its registry and digest fits). */
const MAX_PARAM_LENGTH = 1024;
/** Node's defaults cut a long upload (requestTimeout 300 s) and idle clients (keep-alive 5 s). */
const KEEP_ALIVE_MS = 72_000;

const versions = new WeakMap<IncomingMessage, VersionRule>();

/** The API version a request asked for (its `/v1.NN` prefix, or 1.41). */
export function apiVersionOf(req: IncomingMessage): string {
  const rule = versions.get(req);
  return rule?.ok ? rule.version : API_VERSION;
}

/**
 * shipd's HTTP server with Docker's edge rules. The version prefix is stripped before routing (a
 * refused version answers 400 whatever the path); every answer carries dockerd's headers; every error
 * is `{"message"}` with its status from `errorReply`; an unknown route is 404 "page not found".
 */
export function buildServer(ctx: DaemonContext, options: ServerOptions): App {
  const app = new App(dockerEdge(options), { maxParamLength: MAX_PARAM_LENGTH });
  for (const register of options.routes) register(app, ctx);
  const server = app.server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.requestTimeout = 0;
  server.on('clientError', answerClientError);
  answerHalfClosed(server);
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => handleUpgrade(app, req, socket, head));
  server.on('connect', answerConnect);
  return app;
}

function dockerEdge(options: ServerOptions): Edge {
  const serverHeader = `shipd/${options.version} (linux)`;
  return {
    path(raw) {
      const rule = applyVersionPrefix(raw.url ?? '/');
      versions.set(raw, rule);
      return rule.path;
    },
    begin(req: Request, reply: Reply, route: Route | undefined, badUrl: boolean) {
      const res = reply.raw;
      res.setHeader('api-version', API_VERSION);
      res.setHeader('docker-experimental', 'false');
      res.setHeader('ostype', 'linux');
      res.setHeader('server', serverHeader);
      if (options.logRequests) logWhenDone(req, res);
      checkHttpMessage(req.raw);
      const rule = versions.get(req.raw);
      if (rule && !rule.ok) throw new InvalidArgument(rule.message);
      if (badUrl) throw new InvalidArgument(`'${rule?.path ?? req.raw.url}' is not a valid url component`);
      if (route === undefined || route.options.rawBody) return;
      const body = jsonBody(req);
      if (body === undefined) return;
      return body.then((value) => {
        req.body = value;
      });
    },
    notFound(_req, reply) {
      reply.code(404).type('application/json').send({ message: 'page not found' });
    },
    async fail(err, req, reply) {
      const { status, message } = errorReply(err);
      const res = reply.raw;
      if (reply.hijacked || res.headersSent) {
        res.destroy();
        return;
      }
      // A refusal before the whole body was read (a bad upload): the rest of it is still on the wire, so
      // this connection cannot carry another request; close it once the answer is out.
      if (!req.raw.complete) {
        res.setHeader('connection', 'close');
        await drainRequest(req.raw); // read what is left (bounded), so that the client reads the answer
      }
      if (res.headersSent || res.destroyed) return;
      res.removeHeader('content-length');
      res.statusCode = status;
      if (status === 304) {
        res.removeHeader('content-type'); // a 304 has no body
        res.end();
        return;
      }
      const body = JSON.stringify({ message });
      res.setHeader('content-type', 'application/json');
      res.setHeader('content-length', Buffer.byteLength(body));
      res.end(body);
    },
  };
}

/** `--log-level debug`: one line per request on stderr when its answer ends (or its client goes). */
function logWhenDone(req: Request, res: ServerResponse): void {
  const start = process.hrtime.bigint();
  res.once('close', () => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const status = res.headersSent ? res.statusCode : '-';
    process.stderr.write(
      `${new Date().toISOString()} shipd: ${req.method} ${req.raw.url ?? ''} ${status} ${ms.toFixed(1)} ms\n`,
    );
  });
}
