import type { IncomingMessage } from 'node:http';
import { InvalidArgument } from '../../errors.js';
import type { Request } from './app.js';

/**
 * JSON bodies are limited to 4 MiB. dockerd sets no limit of its own; a create or update body is a few
 * KiB, so this only turns away what could never be a real request. Tar bodies (load, import, archive
 * PUT) are streams and have no limit.
 */
export const JSON_BODY_LIMIT = 4 * 1024 * 1024;

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Methods whose body is never read (a GET body is not an argument, as for dockerd). */
const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/**
 * The body of a route that takes JSON: `application/json` is parsed (an empty body is `undefined`, as
 * dockerd reads no body as no options); no body is `undefined`. A non-empty body that is not JSON is
 * refused in dockerd's words (CheckForJSON). Returns undefined at once (no promise) when there is
 * nothing to read.
 */
export function jsonBody(req: Request): Promise<unknown> | undefined {
  if (!hasBody(req)) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type))
    throw new InvalidArgument(`Content-Type specified (${type}) must be 'application/json'`);
  if (BODYLESS.has(req.method)) return undefined;
  return readJson(req.raw);
}

/**
 * The JSON body of a route that takes one whatever its Content-Type (dockerd decodes /auth and exec
 * start without CheckForJSON): `req.raw` read (up to the JSON limit) and parsed. Such a route is
 * registered with `{ rawBody: true }`.
 */
export function lenientJsonBody(req: Request): Promise<unknown> {
  return readJson(req.raw);
}

/** Reads a body of at most JSON_BODY_LIMIT bytes and parses it; blank is undefined. */
async function readJson(raw: IncomingMessage): Promise<unknown> {
  const declared = Number(raw.headers['content-length']);
  if (declared > JSON_BODY_LIMIT) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > JSON_BODY_LIMIT) throw tooLarge(); // the rest is drained by the error answer
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

const tooLarge = () => new InvalidArgument(`the JSON body is larger than ${JSON_BODY_LIMIT} bytes`);
