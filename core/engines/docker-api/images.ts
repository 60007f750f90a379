import type {
  ImageDeleteResponseItem,
  ImageHistoryItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
} from '../../../spec/docker-api/images.js';
import { type CallOptions, flag, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { type Filters, filtersParam } from './query.js';

export interface ImageListOptions extends CallOptions {
  readonly all?: boolean;
  readonly digests?: boolean;
  readonly filters?: Filters;
}

export interface ImageRemoveOptions extends CallOptions {
  readonly force?: boolean;
  readonly noprune?: boolean;
}

/** Image calls that answer with one JSON document. Transfers (load, save, pull, ...) are in image-transfer.ts. */
export class ImageCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    this.#core = core;
  }

  list(opts: ImageListOptions = {}): Promise<ImageSummary[]> {
    const query = { all: flag(opts.all), digests: flag(opts.digests), filters: filtersParam(opts.filters) };
    return this.#core.json('GET', '/images/json', { ...opts, query });
  }

  inspect(name: string, opts: CallOptions = {}): Promise<ImageInspect> {
    return this.#core.json('GET', `/images/${seg(name)}/json`, opts);
  }

  history(name: string, opts: CallOptions = {}): Promise<ImageHistoryItem[]> {
    return this.#core.json('GET', `/images/${seg(name)}/history`, opts);
  }

  /** Tag `name` as `repo:tag` (tag defaults to latest on the engine side). */
  async tag(name: string, repo: string, tag?: string, opts: CallOptions = {}): Promise<void> {
    await this.#core.call('POST', `/images/${seg(name)}/tag`, { ...opts, query: { repo, tag } });
  }

  remove(name: string, opts: ImageRemoveOptions = {}): Promise<ImageDeleteResponseItem[]> {
    const query = { force: flag(opts.force), noprune: flag(opts.noprune) };
    return this.#core.json('DELETE', `/images/${seg(name)}`, { ...opts, query });
  }

  prune(filters?: Filters, opts: CallOptions = {}): Promise<ImagePruneResponse> {
    return this.#core.json('POST', '/images/prune', { ...opts, query: { filters: filtersParam(filters) } });
  }
}
