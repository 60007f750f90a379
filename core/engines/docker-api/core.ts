import { ShipshapeError } from '../../errors.js';
import { type DockerAddress, parseDockerAddress } from './address.js';
import {
  assertApiVersion,
  DEFAULT_MAX_API_VERSION,
  negotiateApiVersion,
  versionedPath,
} from './api-version.js';
import { type HijackedConnection, hijack } from './hijack.js';
import { type QueryParams, withQuery } from './query.js';
import { engineErrorFrom, isSuccess, type RawResponse, rawResponse } from './raw-response.js';
import { encodeBody } from './request-body.js';
import { HttpTransport, type StreamingResponse } from './transport.js';

export interface DockerApiOptions {
  /** Speak exactly this version (`1.40`) and skip negotiation. */
  readonly apiVersion?: string;
  /** Highest version negotiation may pick; default 1.41. */
  readonly maxApiVersion?: string;
  /** Default bound for each request; default 30 s. */
  readonly timeoutMs?: number;
  /** Default longest life of a streaming response after its headers; default 10 min, 0 for none. */
  readonly streamTimeoutMs?: number;
  /** Pooled connections per client; default 8. */
  readonly connections?: number;
}

export interface RequestOptions {
  readonly query?: QueryParams;
  /** Bytes, text or a stream go as they are; any other value as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** false: send the path as given, without the `/vX.YY` prefix. Default true. */
  readonly versioned?: boolean;
}

export interface StreamOptions extends RequestOptions {
  /** Longest life of the response body; `timeoutMs` then bounds only the wait for headers. */
  readonly streamTimeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_STREAM_TIMEOUT_MS = 600_000;

/**
 * Transport plus API version: every typed call goes through here. Lifecycle: construct from an address,
 * call (the first versioned call pings /_ping and negotiates once), then `close()`.
 */
export class DockerApiCore {
  readonly address: DockerAddress;
  readonly maxApiVersion: string;
  readonly timeoutMs: number;
  readonly streamTimeoutMs: number;
  readonly #transport: HttpTransport;
  readonly #explicitVersion: string | undefined;
  #negotiation: Promise<string> | undefined;
  #version: string | undefined;

  constructor(address: string | DockerAddress, opts: DockerApiOptions = {}) {
    this.address = typeof address === 'string' ? parseDockerAddress(address) : address;
    this.maxApiVersion = assertApiVersion(opts.maxApiVersion ?? DEFAULT_MAX_API_VERSION, 'maxApiVersion');
    this.#explicitVersion =
      opts.apiVersion === undefined ? undefined : assertApiVersion(opts.apiVersion, 'apiVersion');
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.streamTimeoutMs = opts.streamTimeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS;
    this.#transport = new HttpTransport(this.address, { connections: opts.connections });
  }

  /** The version in use once known (explicit, or after negotiation). */
  get apiVersion(): string | undefined {
    return this.#explicitVersion ?? this.#version;
  }

  /** Ping once and settle the version; later calls reuse it. A failed ping is retried next time. */
  negotiate(opts: { timeoutMs?: number } = {}): Promise<string> {
    if (this.#explicitVersion !== undefined) return Promise.resolve(this.#explicitVersion);
    this.#negotiation ??= this.raw('GET', '/_ping', { versioned: false, timeoutMs: opts.timeoutMs }).then(
      (res) => {
        this.#version = negotiateApiVersion(res.header('api-version'), this.maxApiVersion);
        return this.#version;
      },
      (err: unknown) => {
        this.#negotiation = undefined;
        throw err;
      },
    );
    return this.#negotiation;
  }

  /** `/vX.YY/path` with the negotiated version. */
  async path(path: string): Promise<string> {
    if (!path.startsWith('/')) throw new ShipshapeError('USAGE', `API path '${path}' must start with '/'`);
    return versionedPath(await this.negotiate(), path);
  }

  /** Any request; never throws on HTTP status. */
  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const full = withQuery(opts.versioned === false ? path : await this.path(path), opts.query);
    const { body, headers } = encodeBody(opts.body, opts.headers);
    const res = await this.#transport.buffered({
      method,
      path: full,
      headers,
      body,
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      signal: opts.signal,
    });
    return rawResponse(res.status, res.headers, res.body, `${method} ${full}`);
  }

  /** Any request, body left as a stream; never throws on HTTP status. */
  async rawStream(method: string, path: string, opts: StreamOptions = {}): Promise<StreamingResponse> {
    const full = withQuery(opts.versioned === false ? path : await this.path(path), opts.query);
    const { body, headers } = encodeBody(opts.body, opts.headers);
    return this.#transport.streaming({
      method,
      path: full,
      headers,
      body,
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      streamTimeoutMs: opts.streamTimeoutMs ?? this.streamTimeoutMs,
      signal: opts.signal,
    });
  }

  /** A request that must succeed: non-2xx/3xx becomes EngineError with the engine's message. */
  async call(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const res = await this.raw(method, path, opts);
    if (!isSuccess(res.status)) throw engineErrorFrom(res.status, res.body, `${method} ${path}`);
    return res;
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    return (await this.call(method, path, opts)).json() as T;
  }

  /** A streaming request that must succeed; on error the (short) body is read for the message. */
  async stream(method: string, path: string, opts: StreamOptions = {}): Promise<StreamingResponse> {
    const res = await this.rawStream(method, path, opts);
    if (isSuccess(res.status)) return res;
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    throw engineErrorFrom(res.status, Buffer.concat(chunks), `${method} ${path}`);
  }

  /** Attach/exec-start style request over a raw socket (Upgrade: tcp); non-101/200 becomes EngineError. */
  async hijack(method: string, path: string, opts: StreamOptions = {}): Promise<HijackedConnection> {
    const full = withQuery(opts.versioned === false ? path : await this.path(path), opts.query);
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const type: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    return hijack(this.address, {
      method,
      path: full,
      headers: { ...type, ...opts.headers },
      body,
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      streamTimeoutMs: opts.streamTimeoutMs ?? this.streamTimeoutMs,
    });
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}
