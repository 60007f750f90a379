import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { InvalidArgument } from '../../errors.js';
import type { DaemonContext, RegisterRoutes } from '../context.js';
import { API_VERSION, applyVersionPrefix, type VersionRule } from './api-version.js';
import { installBodyParsers, JSON_BODY_LIMIT } from './body-parsers.js';
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
  /** Log every request to stderr (`--log-level debug`). */
  logRequests?: boolean;
}

const versions = new WeakMap<IncomingMessage, VersionRule>();

type Compilers = Required<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
>;

/**
 * fastify's schema compilers (ajv, fast-json-stringify), required from fastify's own folder when a route
 * first declares a schema. shipd's routes check their bodies by hand and declare none, so the daemon
 * never loads them: about a tenth of its idle memory.
 */
function lazyCompilers(): Compilers {
  const load = <T>(name: string): T => createRequire(import.meta.resolve('fastify'))(name)();
  let validator: Compilers['buildValidator'];
  let serializer: Compilers['buildSerializer'];
  return {
    buildValidator: (...a) => {
      validator ??= load<Compilers['buildValidator']>('@fastify/ajv-compiler');
      return validator(...a);
    },
    buildSerializer: (...a) => {
      serializer ??= load<Compilers['buildSerializer']>('@fastify/fast-json-stringify-compiler');
      return serializer(...a);
    },
  };
}

/** The API version a request asked for (its `/v1.NN` prefix, or 1.41). */
export function apiVersionOf(req: IncomingMessage): string {
  const rule = versions.get(req);
  return rule?.ok ? rule.version : API_VERSION;
}

/**
 * shipd's HTTP server: fastify with Docker's edge rules. The version prefix is stripped before routing
 * (a refused version answers 400 whatever the path); every answer carries dockerd's headers; every
 * error is `{"message"}` with its status from `errorReply`; an unknown route is 404 "page not found".
 */
export function buildServer(ctx: DaemonContext, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logRequests ? { level: 'debug', stream: process.stderr } : false,
    exposeHeadRoutes: false,
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    schemaController: { compilersFactory: lazyCompilers() },
    routerOptions: { maxParamLength: 1024 },
    rewriteUrl: (req) => {
      const rule = applyVersionPrefix(req.url ?? '/');
      versions.set(req, rule);
      return rule.path;
    },
  });
  const serverHeader = `shipd/${options.version} (linux)`;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('Api-Version', API_VERSION);
    reply.header('Docker-Experimental', 'false');
    reply.header('Ostype', 'linux');
    reply.header('Server', serverHeader);
    checkHttpMessage(req.raw);
    const rule = versions.get(req.raw);
    if (rule && !rule.ok) throw new InvalidArgument(rule.message);
  });
  // Docker clients parse a body as JSON only when Content-Type is exactly application/json.
  app.addHook('onSend', async (_req, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json;'))
      reply.header('content-type', 'application/json');
    return payload;
  });
  installBodyParsers(app);
  app.setErrorHandler(async (err, req, reply) => {
    const { status, message } = errorReply(err);
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    // A refusal before the whole body was read (a bad upload): the rest of it is still on the wire, so
    // this connection cannot carry another request; close it once the answer is out.
    if (!req.raw.complete) {
      reply.header('connection', 'close');
      await drainRequest(req.raw); // read what is left (bounded), so that the client reads the answer
    }
    if (status === 304) return reply.code(304).send(); // a 304 has no body
    return reply.code(status).type('application/json').send({ message });
  });
  app.setNotFoundHandler(async (_req, reply) =>
    reply.code(404).type('application/json').send({ message: 'page not found' }),
  );
  for (const register of options.routes) register(app, ctx);
  answerHalfClosed(app.server);
  app.server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) =>
    handleUpgrade(app, req, socket, head),
  );
  app.server.on('connect', answerConnect);
  return app;
}
