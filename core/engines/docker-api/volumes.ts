import type { Volume, VolumeCreateRequest, VolumeListResponse } from '../../../spec/docker-api/volumes.js';
import { type CallOptions, flag, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { type Filters, filtersParam } from './query.js';

export class VolumeCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    this.#core = core;
  }

  create(request: VolumeCreateRequest = {}, opts: CallOptions = {}): Promise<Volume> {
    return this.#core.json('POST', '/volumes/create', { ...opts, body: request });
  }

  list(filters?: Filters, opts: CallOptions = {}): Promise<VolumeListResponse> {
    return this.#core.json('GET', '/volumes', { ...opts, query: { filters: filtersParam(filters) } });
  }

  inspect(name: string, opts: CallOptions = {}): Promise<Volume> {
    return this.#core.json('GET', `/volumes/${seg(name)}`, opts);
  }

  async remove(name: string, opts: CallOptions & { force?: boolean } = {}): Promise<void> {
    await this.#core.call('DELETE', `/volumes/${seg(name)}`, { ...opts, query: { force: flag(opts.force) } });
  }
}
