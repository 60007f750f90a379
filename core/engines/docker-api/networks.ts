import type {
  Network,
  NetworkCreateRequest,
  NetworkCreateResponse,
} from '../../../spec/docker-api/networks.js';
import { type CallOptions, seg } from './call-options.js';
import type { DockerApiCore } from './core.js';
import { type Filters, filtersParam } from './query.js';

export class NetworkCalls {
  readonly #core: DockerApiCore;

  constructor(core: DockerApiCore) {
    this.#core = core;
  }

  create(request: NetworkCreateRequest, opts: CallOptions = {}): Promise<NetworkCreateResponse> {
    return this.#core.json('POST', '/networks/create', { ...opts, body: request });
  }

  list(filters?: Filters, opts: CallOptions = {}): Promise<Network[]> {
    return this.#core.json('GET', '/networks', { ...opts, query: { filters: filtersParam(filters) } });
  }

  inspect(id: string, opts: CallOptions = {}): Promise<Network> {
    return this.#core.json('GET', `/networks/${seg(id)}`, opts);
  }

  async remove(id: string, opts: CallOptions = {}): Promise<void> {
    await this.#core.call('DELETE', `/networks/${seg(id)}`, opts);
  }
}
