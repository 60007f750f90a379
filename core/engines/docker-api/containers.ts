import type {
  ContainerCreateRequest,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerSummary,
  ContainerTopResponse,
  ContainerWaitResponse,
} from '../../../spec/docker-api/containers.js';
import type { Resources, RestartPolicy } from '../../../spec/docker-api/host-config.js';
import { type CallOptions, flag, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { type Filters, filtersParam } from './query.js';

export interface ContainerListOptions extends CallOptions {
  readonly all?: boolean;
  readonly limit?: number;
  readonly size?: boolean;
  readonly filters?: Filters;
}

export interface StopOptions {
  /** Seconds to wait before killing; the call's timeout grows by this much. */
  readonly t?: number;
  /** Signal to stop with (API 1.42+; older engines ignore it). */
  readonly signal?: string;
  readonly timeoutMs?: number;
}

export interface RemoveOptions extends CallOptions {
  readonly force?: boolean;
  /** Remove anonymous volumes too. */
  readonly v?: boolean;
  readonly link?: boolean;
}

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

/** Container calls answered with one JSON document or none. Streams (logs, attach, stats) are elsewhere. */
export class ContainerCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    this.#core = core;
  }

  /** POST /containers/create; `name` may be undefined for an engine-chosen name. */
  create(
    name: string | undefined,
    config: ContainerCreateRequest,
    opts: CallOptions & { platform?: string } = {},
  ): Promise<ContainerCreateResponse> {
    const query = { name, platform: opts.platform };
    return this.#core.json('POST', '/containers/create', { ...opts, query, body: config });
  }

  inspect(id: string, opts: CallOptions & { size?: boolean } = {}): Promise<ContainerInspect> {
    return this.#core.json('GET', `/containers/${seg(id)}/json`, {
      ...opts,
      query: { size: flag(opts.size) },
    });
  }

  list(opts: ContainerListOptions = {}): Promise<ContainerSummary[]> {
    const { all, limit, size, filters } = opts;
    const query = { all: flag(all), limit, size: flag(size), filters: filtersParam(filters) };
    return this.#core.json('GET', '/containers/json', { ...opts, query });
  }

  start = (id: string, opts: CallOptions = {}) => this.#post(id, 'start', opts);
  pause = (id: string, opts: CallOptions = {}) => this.#post(id, 'pause', opts);
  unpause = (id: string, opts: CallOptions = {}) => this.#post(id, 'unpause', opts);

  stop(id: string, opts: StopOptions = {}): Promise<void> {
    return this.#post(id, 'stop', this.#graceTimeout(opts), { t: opts.t, signal: opts.signal });
  }

  restart(id: string, opts: StopOptions = {}): Promise<void> {
    return this.#post(id, 'restart', this.#graceTimeout(opts), { t: opts.t, signal: opts.signal });
  }

  /** Send a signal (engine default SIGKILL). */
  kill(id: string, signal?: string, opts: CallOptions = {}): Promise<void> {
    return this.#post(id, 'kill', opts, { signal });
  }

  /** Block until the condition holds; give a `timeoutMs` that covers the container's run. */
  wait(id: string, condition?: WaitCondition, opts: CallOptions = {}): Promise<ContainerWaitResponse> {
    return this.#core.json('POST', `/containers/${seg(id)}/wait`, { ...opts, query: { condition } });
  }

  async remove(id: string, opts: RemoveOptions = {}): Promise<void> {
    const query = { force: flag(opts.force), v: flag(opts.v), link: flag(opts.link) };
    await this.#core.call('DELETE', `/containers/${seg(id)}`, { ...opts, query });
  }

  rename(id: string, name: string, opts: CallOptions = {}): Promise<void> {
    return this.#post(id, 'rename', opts, { name });
  }

  /** POST /containers/{id}/update: resources and restart policy of a live container. */
  update(
    id: string,
    update: Resources & { RestartPolicy?: RestartPolicy },
    opts: CallOptions = {},
  ): Promise<{ Warnings?: readonly string[] | null }> {
    return this.#core.json('POST', `/containers/${seg(id)}/update`, { ...opts, body: update });
  }

  top(id: string, psArgs?: string, opts: CallOptions = {}): Promise<ContainerTopResponse> {
    return this.#core.json('GET', `/containers/${seg(id)}/top`, { ...opts, query: { ps_args: psArgs } });
  }

  #graceTimeout(opts: StopOptions): CallOptions {
    return { timeoutMs: opts.timeoutMs ?? this.#core.timeoutMs + (opts.t ?? 10) * 1000 };
  }

  async #post(
    id: string,
    action: string,
    opts: CallOptions,
    query: Readonly<Record<string, string | number | undefined>> = {},
  ): Promise<void> {
    await this.#core.call('POST', `/containers/${seg(id)}/${action}`, { ...opts, query });
  }
}
