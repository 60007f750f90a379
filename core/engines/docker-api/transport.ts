import { Readable } from 'node:stream';
import { Pool } from 'undici';
import { TimeoutError } from '../../errors.js';
import { type DockerAddress, originOf } from './address.js';
import { classifyTransportError } from './transport-errors.js';

export type RequestBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface TransportRequest {
  readonly method: string;
  /** Path including the query string. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: RequestBody;
  /** Buffered calls: the whole exchange. Streaming calls: until the response headers arrive. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface StreamingRequest extends TransportRequest {
  /** Longest life of the response body once headers have arrived; 0 means no limit. */
  readonly streamTimeoutMs: number;
}

export interface BufferedResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Buffer;
}

export interface StreamingResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: Readable;
  /** Stop reading and release the connection; readers see the stream end with an abort error. */
  abort(): void;
}

/**
 * HTTP over undici to one engine address. Lifecycle: construct, call `buffered`/`streaming` any number of
 * times (concurrently is fine: a small pool of connections), then `close()`.
 */
export class HttpTransport {
  readonly address: DockerAddress;
  readonly #pool: Pool;
  #closing: Promise<void> | undefined;

  constructor(address: DockerAddress, opts: { connections?: number } = {}) {
    this.address = address;
    this.#pool = new Pool(originOf(address), {
      connections: opts.connections ?? 8,
      headersTimeout: 0,
      bodyTimeout: 0,
      ...(address.kind === 'unix' ? { socketPath: address.socketPath } : {}),
    });
  }

  async buffered(req: TransportRequest): Promise<BufferedResponse> {
    const what = `${req.method} ${req.path}`;
    const guard = new Guard(what, req.timeoutMs, req.signal);
    try {
      const res = await this.#pool.request({ ...this.#options(req), signal: guard.signal });
      const body = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: res.headers, body };
    } catch (err) {
      throw classifyTransportError(guard.reason(err), this.address.text, what);
    } finally {
      guard.clear();
    }
  }

  async streaming(req: StreamingRequest): Promise<StreamingResponse> {
    const what = `${req.method} ${req.path}`;
    const guard = new Guard(what, req.timeoutMs, req.signal);
    let res: Awaited<ReturnType<Pool['request']>>;
    try {
      res = await this.#pool.request({ ...this.#options(req), signal: guard.signal });
    } catch (err) {
      guard.clear();
      throw classifyTransportError(guard.reason(err), this.address.text, what);
    }
    guard.clear();
    guard.arm(`${what} stream`, req.streamTimeoutMs);
    res.body.once('close', () => guard.clear());
    const body = Readable.from(classified(res.body, this.address.text, what), { objectMode: false });
    return { status: res.statusCode, headers: res.headers, body, abort: () => guard.abort() };
  }

  /** Close every connection (open streams end with an error); calling it again is harmless. */
  close(): Promise<void> {
    this.#closing ??= this.#pool.destroy();
    return this.#closing;
  }

  #options(req: TransportRequest) {
    return {
      method: req.method as 'GET',
      path: req.path,
      headers: req.headers ?? {},
      body: toUndiciBody(req.body),
    };
  }
}

function toUndiciBody(body: RequestBody | undefined): string | Uint8Array | Readable | null {
  if (body === undefined) return null;
  if (typeof body === 'string' || body instanceof Uint8Array || body instanceof Readable) return body;
  return Readable.from(body, { objectMode: false });
}

async function* classified(body: Readable, address: string, what: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (err) {
    throw classifyTransportError(err, address, what);
  }
}

/** One request's abort controller: fires a TimeoutError at its deadline and follows the caller's signal. */
class Guard {
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #timedOut: TimeoutError | undefined;

  constructor(what: string, timeoutMs: number, signal?: AbortSignal) {
    this.arm(what, timeoutMs);
    if (signal !== undefined) {
      if (signal.aborted) this.#controller.abort(signal.reason);
      else signal.addEventListener('abort', () => this.#controller.abort(signal.reason), { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  arm(what: string, timeoutMs: number): void {
    if (timeoutMs <= 0) return;
    this.#timer = setTimeout(() => {
      this.#timedOut = new TimeoutError(what, timeoutMs);
      this.#controller.abort(this.#timedOut);
    }, timeoutMs);
  }

  abort(): void {
    this.clear();
    this.#controller.abort();
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  reason(err: unknown): unknown {
    return this.#timedOut ?? err;
  }
}
