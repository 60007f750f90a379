import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, interceptors, request } from 'undici';
import { isIndexType, isManifestType, MediaType } from '../../../spec/oci-image/media-types.js';
import type { Descriptor } from '../../../spec/oci-image/types.js';
import { ImageReadError } from '../errors.js';
import { excludedByPlatform, type PlatformSpec } from '../platform.js';
import { defect } from '../rules.js';
import type { FileInfo, ImageSource, Inventory } from '../source-types.js';
import type { Defect, Limits } from '../types.js';
import { type CaptureBudget, measure } from './measure.js';
import type { RegistryRef } from './registry-ref.js';

/** Every manifest kind the validator reads, OCI first (distribution spec: content negotiation by Accept). */
const ACCEPT = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerList];
const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;

interface Fetched {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
}

/**
 * An image read through the OCI distribution API. Lifecycle: `scan()` pulls the manifest named by the
 * reference, then (depth first, each digest once) the index children (only `platform`'s, when given),
 * each manifest's config and layers and its subject; manifests and configs are kept in memory like a
 * layout's JSON files, layers are spooled to a temporary directory while they are hashed, so `stream()`
 * re-reads them without a second pull. `close()` removes the spool and frees the sockets. Blobs are
 * filed under `blobs/<alg>/<encoded>` so the layout walk checks them unchanged; `root` is the pulled
 * manifest's descriptor, where the walk starts.
 */
export class RegistrySource implements ImageSource {
  readonly container = 'registry';
  root: Descriptor | undefined;
  readonly #files = new Map<string, FileInfo>();
  readonly #docs = new Map<string, unknown>();
  readonly #spooled = new Map<string, string>();
  readonly #defects: Defect[] = [];
  readonly #agent: Agent;
  readonly #dispatcher: Dispatcher;
  readonly #budget: CaptureBudget;
  #dir: string | undefined;
  #count = 0;

  constructor(
    readonly ref: RegistryRef,
    private readonly limits: Limits,
    private readonly signal: AbortSignal,
    private readonly platform?: PlatformSpec,
  ) {
    // Per request; past the whole run's deadline, so that deadline (a TimeoutError) wins when both are due.
    const timeout = Math.min(limits.timeoutMs, 60_000) + 500;
    this.#agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout });
    this.#dispatcher = this.#agent.compose(interceptors.redirect({ maxRedirections: 5 }));
    this.#budget = { remaining: limits.maxCapturedBytes, maxDocumentBytes: limits.maxDocumentBytes };
  }

  async scan(): Promise<Inventory> {
    this.#dir = await mkdtemp(join(tmpdir(), 'shipshape-registry-'));
    const { repository, reference, display } = this.ref;
    const target = `${this.ref.origin}/${display}`;
    let res: Fetched;
    try {
      res = await this.#get(`/v2/${repository}/manifests/${reference}`, ACCEPT.join(', '));
    } catch (err) {
      this.signal.throwIfAborted();
      throw new ImageReadError(target, `cannot reach ${this.ref.origin}: ${reasonOf(err)}`, err);
    }
    if (res.status !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new ImageReadError(target, topStatus(res.status));
    }
    const byDigest = DIGEST.test(reference);
    const path = byDigest ? blobFile(reference) : undefined;
    const info = await this.#measure(path ?? 'pending', res.body, this.limits.maxDocumentBytes + 1);
    const digest = byDigest ? reference : info.sha256;
    const file = path === undefined ? { ...info, path: blobFile(digest), realPath: blobFile(digest) } : info;
    this.#keep(file, res.headers, display);
    const doc = this.#docs.get(file.path);
    this.root = { mediaType: this.#rootType(res.headers, doc, file.path), digest, size: file.size };
    await this.#follow(doc, this.root.mediaType, 0);
    return { files: this.#files, dirs: new Set(['blobs']), defects: this.#defects, place: 'repository' };
  }

  async stream(realPaths: ReadonlySet<string>, visit: (realPath: string, data: Readable) => Promise<void>) {
    for (const path of realPaths) {
      this.signal.throwIfAborted();
      const spooled = this.#spooled.get(path);
      if (spooled !== undefined) await visit(path, createReadStream(spooled, { signal: this.signal }));
    }
  }

  async close(): Promise<void> {
    await this.#agent.close().catch(() => undefined);
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
  }

  /** Index children (for the chosen platform) and their contents; a manifest's config, layers, subject. */
  async #follow(doc: unknown, type: string, depth: number): Promise<void> {
    if (!isObject(doc) || depth > this.limits.maxDepth) return;
    const index = isIndexType(type) || (!isManifestType(type) && Array.isArray(doc.manifests));
    if (index) {
      for (const desc of Array.isArray(doc.manifests) ? doc.manifests : []) {
        if (excludedByPlatform(desc, this.platform)) continue;
        const child = await this.#manifest(desc);
        if (child !== undefined) await this.#follow(child.doc, child.type, depth + 1);
      }
    } else {
      await this.#blob(doc.config, false);
      for (const layer of Array.isArray(doc.layers) ? doc.layers : []) await this.#blob(layer, true);
    }
    if (doc.subject !== undefined) await this.#manifest(doc.subject);
  }

  /** Pull a manifest by the descriptor's digest; undefined when it was pulled already or cannot be. */
  async #manifest(desc: unknown): Promise<{ doc: unknown; type: string } | undefined> {
    const digest = this.#wanted(desc, false);
    if (digest === undefined || !isObject(desc)) return undefined;
    const type = typeof desc.mediaType === 'string' ? desc.mediaType : '';
    const accept = [...new Set([...(type === '' ? [] : [type]), ...ACCEPT])].join(', ');
    const res = await this.#pull(`/v2/${this.ref.repository}/manifests/${digest}`, accept, digest);
    if (res === undefined) return undefined;
    const file = await this.#measure(blobFile(digest), res.body, capOf(desc, this.limits.maxDocumentBytes));
    this.#keep(file, res.headers, digest);
    return { doc: this.#docs.get(file.path), type };
  }

  /** Pull a blob; layers are spooled to disk for the layer pass, small JSON is kept in memory. */
  async #blob(desc: unknown, layer: boolean): Promise<void> {
    const digest = this.#wanted(desc, layer);
    if (digest === undefined || !isObject(desc) || this.#dir === undefined) return;
    const res = await this.#pull(`/v2/${this.ref.repository}/blobs/${digest}`, '*/*', digest);
    if (res === undefined) return;
    const path = blobFile(digest);
    const spool = layer ? join(this.#dir, digest.replace(':', '-')) : undefined;
    const out = spool === undefined ? undefined : createWriteStream(spool);
    try {
      const file = await this.#measure(path, res.body, capOf(desc, Number.MAX_SAFE_INTEGER), out);
      this.#keep(file, res.headers, digest);
    } finally {
      if (out) {
        out.end();
        await once(out, 'close');
      }
    }
    if (spool !== undefined) this.#spooled.set(path, spool);
  }

  /** The digest to pull for `desc`, or undefined: malformed (the schema check says so), done, or over the bound. */
  #wanted(desc: unknown, layer: boolean): string | undefined {
    const digest = isObject(desc) ? desc.digest : undefined;
    if (typeof digest !== 'string' || !DIGEST.test(digest)) return undefined;
    const path = blobFile(digest);
    if (this.#files.has(path) && (!layer || this.#spooled.has(path))) return undefined;
    if (++this.#count > this.limits.maxFiles) {
      if (this.#count === this.limits.maxFiles + 1) {
        const message = `more than ${this.limits.maxFiles} manifests and blobs; the rest not pulled`;
        this.#defects.push(defect('shipshape:limit', path, message));
      }
      return undefined;
    }
    return digest;
  }

  /** GET with a 200 expected: 404 leaves the blob absent (the walk reports it), other answers are defects. */
  async #pull(path: string, accept: string, digest: string): Promise<Fetched | undefined> {
    let res: Fetched;
    try {
      res = await this.#get(path, accept);
    } catch (err) {
      this.signal.throwIfAborted();
      const message = `GET ${path}: ${reasonOf(err)}`;
      this.#defects.push(defect('registry:fetch', blobFile(digest), message, { blob: digest }));
      return undefined;
    }
    if (res.status === 200) return res;
    await res.body.dump().catch(() => undefined);
    if (res.status !== 404) {
      const message = `GET ${path} answered ${res.status}, not 200`;
      this.#defects.push(defect('registry:fetch', blobFile(digest), message, { blob: digest }));
    }
    return undefined;
  }

  async #get(path: string, accept: string): Promise<Fetched> {
    const res = await request(new URL(path, this.ref.origin), {
      method: 'GET',
      headers: { accept },
      signal: this.signal,
      dispatcher: this.#dispatcher,
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  /** Hash and size a body (at most `cap` bytes are read), copying it to `out` when given. */
  async #measure(
    path: string,
    body: AsyncIterable<Buffer>,
    cap: number,
    out?: WriteStream,
  ): Promise<FileInfo> {
    const signal = this.signal;
    async function* capped(): AsyncGenerator<Buffer> {
      let left = cap;
      for await (const chunk of body) {
        const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
        left -= part.length;
        if (out && !out.write(part)) await once(out, 'drain', { signal });
        yield part;
        if (left <= 0) break;
      }
    }
    return measure(path, path, capped(), this.#budget, signal);
  }

  /** File a pulled manifest or blob; check its Docker-Content-Digest and (for JSON) its Content-Type. */
  #keep(file: FileInfo, headers: Fetched['headers'], what: string): void {
    this.#files.set(file.path, file);
    const sent = header(headers, 'docker-content-digest');
    const algorithm = sent?.split(':')[0];
    const actual = algorithm === 'sha256' ? file.sha256 : algorithm === 'sha512' ? file.sha512 : undefined;
    if (sent !== undefined && actual !== undefined && sent !== actual) {
      const message = `${what}: Docker-Content-Digest is ${sent}, the content is ${actual}`;
      this.#defects.push(defect('registry:digest-header', file.path, message, { blob: file.path }));
    }
    if (file.content === undefined) return;
    let doc: unknown;
    try {
      doc = JSON.parse(file.content.toString('utf8'));
    } catch {
      return; // the walk reports the syntax
    }
    this.#docs.set(file.path, doc);
    const type = bare(header(headers, 'content-type'));
    const declared = isObject(doc) ? doc.mediaType : undefined;
    if (typeof declared === 'string' && type !== undefined && (isIndexType(type) || isManifestType(type))) {
      if (declared !== type) {
        const message = `${what}: Content-Type is ${type}, the document's mediaType is ${declared}`;
        this.#defects.push(defect('registry:content-type', '/mediaType', message, { blob: file.path }));
      }
    }
  }

  /** The pulled manifest's media type: its Content-Type when that is a manifest kind, else its own field. */
  #rootType(headers: Fetched['headers'], doc: unknown, path: string): string {
    const type = bare(header(headers, 'content-type'));
    if (type !== undefined && (isIndexType(type) || isManifestType(type))) return type;
    const declared = isObject(doc) && typeof doc.mediaType === 'string' ? doc.mediaType : undefined;
    const guess = isObject(doc) && Array.isArray(doc.manifests) ? MediaType.ociIndex : MediaType.ociManifest;
    const message = `Content-Type ${type ?? '(none)'} is not a manifest media type; read as ${declared ?? guess}`;
    this.#defects.push(defect('registry:content-type', '', message, { blob: path }));
    return declared ?? guess;
  }
}

/** `blobs/<alg>/<encoded>`, where a layout keeps the same content. */
function blobFile(digest: string): string {
  const at = digest.indexOf(':');
  return `blobs/${digest.slice(0, at)}/${digest.slice(at + 1)}`;
}

/** Read at most one byte past the declared size: enough to show a size mismatch, never unbounded. */
function capOf(desc: Record<string, unknown>, fallback: number): number {
  return typeof desc.size === 'number' && Number.isSafeInteger(desc.size) && desc.size >= 0
    ? desc.size + 1
    : fallback;
}

function topStatus(status: number): string {
  if (status === 401 || status === 403) {
    return `the registry refused the pull (${status}); only anonymous pulls are supported`;
  }
  if (status === 404) return 'manifest unknown (404): no such repository, tag or digest';
  return `the registry answered ${status} to the manifest pull`;
}

function header(headers: Fetched['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const bare = (type: string | undefined): string | undefined =>
  type?.split(';')[0]?.trim().toLowerCase() || undefined;

function reasonOf(err: unknown): string {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (e instanceof AggregateError) {
      for (const inner of e.errors) {
        const c = (inner as { code?: unknown }).code;
        if (typeof c === 'string') codes.push(c);
      }
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return codes.length > 0 && !message.includes(codes[0] ?? '') ? `${codes[0]} ${message}` : message;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
