import { ShipshapeError } from '../../errors.js';
import type { EngineEndpoint } from '../types.js';
import { BlobsApi } from './blobs.js';
import { ManifestsApi } from './manifests.js';
import { type PingResult, ping } from './ping.js';
import { ReferrersApi } from './referrers.js';
import { TagsApi } from './tags.js';
import { type RawOptions, type RawResponse, RegistryTransport } from './transport.js';
import { UploadsApi } from './uploads.js';

export interface RegistryClientOptions {
  /** Bound on every request (connect, headers, body); default 10 s. */
  readonly timeoutMs?: number;
}

export const DEFAULT_REGISTRY_TIMEOUT_MS = 10_000;

/**
 * OCI distribution-spec client with typed calls and raw access. Lifecycle:
 * ```ts
 * const registry = RegistryClient.from('http://127.0.0.1:5000');
 * await registry.ping();                                  // GET /v2/
 * const pushed = await registry.uploads.pushMonolithic('team/app', bytes);
 * const res = await registry.raw('GET', '/v2/team/app/tags/list');  // never throws on status
 * await registry.close();                                 // frees keep-alive sockets
 * ```
 * Typed calls throw RegistryError on an unexpected status, RegistryProtocolError when an answer breaks
 * the protocol (digest mismatch, no Location), TimeoutError and EngineUnreachableError on transport faults.
 */
export class RegistryClient {
  readonly transport: RegistryTransport;
  readonly blobs: BlobsApi;
  readonly uploads: UploadsApi;
  readonly manifests: ManifestsApi;
  readonly tags: TagsApi;
  readonly referrers: ReferrersApi;

  constructor(base: string | URL, opts: RegistryClientOptions = {}) {
    this.transport = new RegistryTransport(base, opts.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS);
    this.blobs = new BlobsApi(this.transport);
    this.uploads = new UploadsApi(this.transport);
    this.manifests = new ManifestsApi(this.transport);
    this.tags = new TagsApi(this.transport);
    this.referrers = new ReferrersApi(this.transport);
  }

  /** From an EngineEndpoint of family 'registry' or an address (`http://host:port`, `host:port`). */
  static from(target: EngineEndpoint | string | URL, opts: RegistryClientOptions = {}): RegistryClient {
    if (typeof target === 'object' && 'family' in target) {
      if (target.family !== 'registry') {
        throw new ShipshapeError(
          'INVALID_INPUT',
          `${target.name} is a ${target.family} engine, not a registry`,
        );
      }
      return new RegistryClient(registryBaseUrl(target.address), opts);
    }
    return new RegistryClient(typeof target === 'string' ? registryBaseUrl(target) : target, opts);
  }

  /** The registry origin, e.g. `http://127.0.0.1:5000/`. */
  get base(): string {
    return this.transport.base.href;
  }

  ping(): Promise<PingResult> {
    return ping(this.transport);
  }

  /** Any request; `path` is `/v2/...` or an absolute URL. Never throws on status. */
  raw(method: string, path: string, opts: RawOptions = {}): Promise<RawResponse> {
    return this.transport.send(method, path, opts);
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** `tcp://h:p` and bare `h:p` become `http://h:p`; http(s) URLs pass through. */
export function registryBaseUrl(address: string): string {
  if (/^https?:\/\//i.test(address)) return address;
  if (address.startsWith('tcp://')) return `http://${address.slice('tcp://'.length)}`;
  if (/^[\w.-]+:\d+$/.test(address) || /^\[[0-9a-f:]+\]:\d+$/i.test(address)) return `http://${address}`;
  throw new ShipshapeError('INVALID_INPUT', `not a registry address: ${address} (expected http://host:port)`);
}
