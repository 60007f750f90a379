import { Agent, type Dispatcher, interceptors, request } from 'undici';
import { EngineUnreachableError, ShipshapeError, TimeoutError } from '../../errors.js';
import { RegistryProtocolError } from './errors.js';

export type QueryValue = string | number | readonly string[] | undefined;

/** Options of one raw request; `path` may be `/v2/...` or an absolute URL (e.g. an upload Location). */
export interface RawOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  /** Appended to any query the path already carries (upload Locations carry state there). */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly timeoutMs?: number;
  /** Follow 3xx redirects (spec statuses are the ones after redirects); default true. */
  readonly followRedirects?: boolean;
}

/** A response with its body fully read; `headers` keys are lower-case. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[]>>;
  readonly body: Buffer;
  /** The URL the request was sent to (before redirects), used to resolve relative Locations. */
  readonly url: string;
  /**
   * Set when the connection broke after the status line: `body` holds what arrived. Registry 2.8 does
   * this on a 416 blob read (it announces the blob's Content-Length, sends a shorter text, closes).
   */
  readonly bodyError?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * HTTP transport to one registry. Lifecycle: `new RegistryTransport('http://127.0.0.1:5000', 10_000)`,
 * any number of `send(method, path, opts)` (never throws on status; throws TimeoutError,
 * EngineUnreachableError or RegistryProtocolError), then `close()` to release keep-alive sockets.
 */
export class RegistryTransport {
  readonly base: URL;
  readonly timeoutMs: number;
  readonly #agent: Agent;
  readonly #following: Dispatcher;

  constructor(base: string | URL, timeoutMs: number) {
    this.base = new URL(base);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') {
      throw new ShipshapeError('INVALID_INPUT', `registry address must be http(s)://host:port, got ${base}`);
    }
    this.timeoutMs = timeoutMs;
    this.#agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs });
    this.#following = this.#agent.compose(interceptors.redirect({ maxRedirections: 5 }));
  }

  /** Resolve a path or (relative or absolute) Location against the registry base, appending `query`. */
  resolve(path: string, query?: Readonly<Record<string, QueryValue>>): URL {
    const url = new URL(path, this.base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [String(value)];
      for (const v of values) url.searchParams.append(key, v);
    }
    return url;
  }

  async send(method: string, path: string, opts: RawOptions = {}): Promise<RawResponse> {
    const url = this.resolve(path, opts.query);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const what = `${method} ${url.pathname}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers: { ...opts.headers },
        body: opts.body === undefined ? undefined : Buffer.from(opts.body),
        signal: controller.signal,
        dispatcher: opts.followRedirects === false ? this.#agent : this.#following,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const head = { status: res.statusCode, headers: normalizeHeaders(res.headers), url: url.href };
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of res.body) chunks.push(chunk as Buffer);
      } catch (err) {
        if (controller.signal.aborted || errorCodes(err).some((c) => TIMEOUTS.has(c))) throw err;
        const bodyError = err instanceof Error ? err.message : String(err);
        return { ...head, body: Buffer.concat(chunks), bodyError };
      }
      return { ...head, body: Buffer.concat(chunks) };
    } catch (err) {
      const codes = errorCodes(err);
      if (controller.signal.aborted || codes.some((c) => TIMEOUTS.has(c))) {
        throw new TimeoutError(`registry request ${what}`, timeoutMs, err);
      }
      const unreachable = codes.find((c) => UNREACHABLE.has(c));
      if (unreachable !== undefined) throw new EngineUnreachableError(url.origin, unreachable, err);
      const reason = err instanceof Error ? err.message : String(err);
      throw new RegistryProtocolError(`registry request ${what} failed: ${codes[0] ?? ''} ${reason}`, err);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** The value of a header (repeated headers joined with ", "), or undefined. */
export function headerValue(res: Pick<RawResponse, 'headers'>, name: string): string | undefined {
  const value = res.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function normalizeHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key.toLowerCase()] = value;
  }
  return out;
}

function errorCodes(err: unknown, out: string[] = [], depth = 0): string[] {
  if (!(err instanceof Error) || depth > 5) return out;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out.push(code);
  if (err instanceof AggregateError) for (const inner of err.errors) errorCodes(inner, out, depth + 1);
  return errorCodes(err.cause, out, depth + 1);
}
