import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidArgument } from '../../errors.js';

/**
 * JSON bodies are limited to 4 MiB. dockerd sets no limit of its own; a create or update body is a few
 * KiB, so this only turns away what could never be a real request. Tar bodies (load, import, archive
 * PUT) are streams and have no limit.
 */
export const JSON_BODY_LIMIT = 4 * 1024 * 1024;

/** Route config: the route reads `req.raw` itself (a tar, a hijacked stream), whatever its type. */
export interface RouteBodyConfig {
  rawBody?: boolean;
}

/**
 * `application/json` is parsed (an empty body is `undefined`, as dockerd reads no body as no options);
 * anything else, including no Content-Type, is left unread on `req.raw` for the route. A non-empty
 * body that is not JSON to a route that wants JSON is refused in dockerd's words (CheckForJSON).
 */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
    (_req, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch (err) {
        done(new InvalidArgument(`invalid JSON body: ${(err as Error).message}`), undefined);
      }
    },
  );
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
  app.addHook('preValidation', async (req) => checkForJson(req));
}

function checkForJson(req: FastifyRequest): void {
  if (req.is404 || (req.routeOptions.config as RouteBodyConfig | undefined)?.rawBody) return;
  if (!hasBody(req)) return;
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json\s*(;|$)/i.test(type)) return;
  throw new InvalidArgument(`Content-Type specified (${type}) must be 'application/json'`);
}

const hasBody = (req: FastifyRequest): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
