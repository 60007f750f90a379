import type { Readable } from 'node:stream';
import { type CallOptions, flag, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { ImageCalls } from './images.js';
import { collectProgress, loadedImages, type ProgressMessage, progressMessages } from './progress.js';
import type { RequestBody } from './transport.js';

export interface TransferOptions extends CallOptions {
  /** Longest life of the transfer once the engine answered; default the client's stream timeout. */
  readonly streamTimeoutMs?: number;
  /** Called for each progress message as it arrives. */
  readonly onProgress?: (message: ProgressMessage) => void;
}

export interface ImageLoadResult {
  readonly messages: readonly ProgressMessage[];
  /** References from `Loaded image: …` / `Loaded image ID: …` messages. */
  readonly loaded: readonly string[];
}

/** Registry credentials for pull/push; the local registry needs none (an empty object is sent). */
export type RegistryAuth = Readonly<Record<string, string>>;

/** `X-Registry-Auth` as Docker clients send it: base64url with padding (Go's URLEncoding); Podman needs the padding. */
export const registryAuthHeader = (auth: RegistryAuth = {}): Record<string, string> => ({
  'X-Registry-Auth': Buffer.from(JSON.stringify(auth))
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_'),
});
const authHeader = registryAuthHeader;

/** All image calls: the JSON ones from ImageCalls plus transfers (progress streams and tar streams). */
export class ImagesApi extends ImageCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    super(core);
    this.#core = core;
  }

  /** POST /images/load with a docker-archive or OCI-layout tar; raises on an error message. */
  async load(tar: RequestBody, opts: TransferOptions & { quiet?: boolean } = {}): Promise<ImageLoadResult> {
    const query = { quiet: flag(opts.quiet ?? false) };
    const messages = await this.#progress('POST', '/images/load', tar, query, 'images/load', opts);
    return { messages, loaded: loadedImages(messages) };
  }

  /** GET /images/get: a tar stream of the named images. */
  async save(names: readonly string[], opts: TransferOptions = {}): Promise<Readable> {
    const res = await this.#core.stream('GET', '/images/get', { ...opts, query: { names } });
    return res.body;
  }

  /** POST /images/create?fromSrc=- : a root filesystem tar becomes an image `repo:tag`. */
  import(
    tar: RequestBody,
    target: { repo: string; tag?: string; message?: string; changes?: readonly string[] },
    opts: TransferOptions = {},
  ): Promise<ProgressMessage[]> {
    const { repo, tag, message, changes } = target;
    const query = { fromSrc: '-', repo, tag, message, changes };
    return this.#progress('POST', '/images/create', tar, query, 'images/create (import)', opts);
  }

  /** POST /images/create?fromImage=: pull (only from registries on this machine in tests). */
  pull(
    image: string,
    opts: TransferOptions & { tag?: string; auth?: RegistryAuth } = {},
  ): Promise<ProgressMessage[]> {
    const query = { fromImage: image, tag: opts.tag };
    const headers = authHeader(opts.auth);
    return this.#progress('POST', '/images/create', undefined, query, 'images/create (pull)', opts, headers);
  }

  push(
    name: string,
    opts: TransferOptions & { tag?: string; auth?: RegistryAuth } = {},
  ): Promise<ProgressMessage[]> {
    const headers = authHeader(opts.auth);
    const path = `/images/${seg(name)}/push`;
    return this.#progress('POST', path, undefined, { tag: opts.tag }, 'images/push', opts, headers);
  }

  /** POST /build with a tar build context. */
  build(
    context: RequestBody,
    opts: TransferOptions & {
      tag?: string;
      dockerfile?: string;
      buildargs?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<ProgressMessage[]> {
    const query = { t: opts.tag, dockerfile: opts.dockerfile, buildargs: opts.buildargs };
    return this.#progress('POST', '/build', context, query, 'build', opts);
  }

  async #progress(
    method: string,
    path: string,
    body: RequestBody | undefined,
    query: Readonly<
      Record<string, string | readonly string[] | Readonly<Record<string, string>> | undefined>
    >,
    context: string,
    opts: TransferOptions,
    headers: Record<string, string> = {},
  ): Promise<ProgressMessage[]> {
    const type: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/x-tar' };
    const res = await this.#core.stream(method, path, {
      ...opts,
      body,
      query,
      headers: { ...type, ...headers },
    });
    const messages = progressMessages(res.body, context, res.status);
    if (opts.onProgress === undefined) return collectProgress(messages);
    const all: ProgressMessage[] = [];
    for await (const message of messages) {
      opts.onProgress(message);
      all.push(message);
    }
    return all;
  }
}
