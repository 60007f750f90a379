/** A piece of the client-to-engine byte stream, in order; `delay` marks the head of a matched request. */
export interface Segment {
  readonly bytes: Buffer;
  readonly delay: boolean;
}

export type RequestMatcher = (method: string, path: string) => boolean;

/** `POST /containers/{id}/start`, with or without an API version prefix and query. */
export const isContainerStart: RequestMatcher = (method, path) =>
  method === 'POST' && /^(?:\/v\d+(?:\.\d+)?)?\/containers\/[^/?]+\/start(?:\?|$)/.test(path);

/** Requests after which the connection carries raw bytes both ways (Docker's hijacked streams). */
const hijacks = (path: string, headers: Map<string, string>) =>
  (headers.get('connection') ?? '').toLowerCase().includes('upgrade') ||
  /\/(?:containers\/[^/]+\/attach|exec\/[^/]+\/start)(?:\?|$)/.test(path);

type State =
  | { kind: 'head' }
  | { kind: 'body'; left: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'trailer' }
  | { kind: 'raw' };

/**
 * Splits an HTTP/1.1 request stream into segments without changing a byte: request heads (flagged
 * when `match` accepts them), bodies by Content-Length or chunked encoding, and after a hijacking
 * request everything as raw. Feed chunks as they arrive; incomplete heads wait for more bytes.
 */
export class RequestScanner {
  #buf: Buffer = Buffer.alloc(0);
  #state: State = { kind: 'head' };
  readonly #match: RequestMatcher;
  /** Requests seen and requests matched, for tests and reports. */
  requests = 0;
  matched = 0;

  constructor(match: RequestMatcher = isContainerStart) {
    this.#match = match;
  }

  push(chunk: Buffer): Segment[] {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    const out: Segment[] = [];
    for (let guard = 0; guard < 1_000_000 && this.#buf.length > 0; guard++) {
      const seg = this.#step();
      if (!seg) break;
      if (seg.bytes.length) out.push(seg);
    }
    return out;
  }

  #take(n: number): Buffer {
    const b = this.#buf.subarray(0, n);
    this.#buf = this.#buf.subarray(n);
    return b;
  }

  #line(): Buffer | undefined {
    const i = this.#buf.indexOf('\r\n');
    return i < 0 ? undefined : this.#take(i + 2);
  }

  #step(): Segment | undefined {
    const s = this.#state;
    if (s.kind === 'raw') return { bytes: this.#take(this.#buf.length), delay: false };
    if (s.kind === 'body' || s.kind === 'chunk-data') {
      const bytes = this.#take(Math.min(s.left, this.#buf.length));
      s.left -= bytes.length;
      if (s.left === 0) this.#state = s.kind === 'body' ? { kind: 'head' } : { kind: 'chunk-size' };
      return { bytes, delay: false };
    }
    if (s.kind === 'chunk-size') {
      const line = this.#line();
      if (!line) return undefined;
      const size = Number.parseInt(line.toString('latin1').split(';')[0] ?? '', 16);
      if (!Number.isFinite(size)) throw new Error('bad chunk size in request body');
      // Data plus its CRLF; the last chunk (0) is followed by trailers and an empty line.
      this.#state = size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', left: size + 2 };
      return { bytes: line, delay: false };
    }
    if (s.kind === 'trailer') {
      const line = this.#line();
      if (!line) return undefined;
      if (line.length === 2) this.#state = { kind: 'head' };
      return { bytes: line, delay: false };
    }
    return this.#head();
  }

  #head(): Segment | undefined {
    const end = this.#buf.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const bytes = this.#take(end + 4);
    const [requestLine = '', ...lines] = bytes.toString('latin1').split('\r\n');
    const [method = '', path = ''] = requestLine.split(' ');
    const headers = new Map<string, string>();
    for (const l of lines) {
      const i = l.indexOf(':');
      if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
    }
    this.requests++;
    const delay = this.#match(method, path);
    if (delay) this.matched++;
    const length = Number(headers.get('content-length') ?? 0);
    if (hijacks(path, headers)) this.#state = { kind: 'raw' };
    else if ((headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked'))
      this.#state = { kind: 'chunk-size' };
    else if (length > 0) this.#state = { kind: 'body', left: length };
    return { bytes, delay };
  }
}
