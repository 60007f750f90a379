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

/**
 * The JSON body of a route that takes one whatever its Content-Type (dockerd decodes /auth and exec
 * start without CheckForJSON): the parsed body when it came as application/json, else `req.raw` read
 * (up to the JSON limit) and parsed. Such a route is registered with `config: { rawBody: true }`.
 */
export async function lenientJsonBody(req: FastifyRequest): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  if (/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.raw) {
    size += (chunk as Buffer).length;
    if (size > JSON_BODY_LIMIT)
      throw new InvalidArgument(`the JSON body is larger than ${JSON_BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidArgument(`invalid JSON body: ${(err as Error).message}`);
  }
}
