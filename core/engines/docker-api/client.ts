import type { SystemInfo, SystemVersion } from '../../../spec/docker-api/system.js';
import type { EngineEndpoint } from '../types.js';
import type { CallOptions } from './call-options.js';
import { ContainersApi } from './container-streams.js';
import { DockerApiCore, type DockerApiOptions, type RequestOptions, type StreamOptions } from './core.js';
import { type EventStream, type EventsOptions, events } from './events.js';
import { ExecCalls } from './exec.js';
import type { HijackedConnection } from './hijack.js';
import { ImagesApi } from './image-transfer.js';
import { NetworkCalls } from './networks.js';
import type { RawResponse } from './raw-response.js';
import { info, type PingResult, ping, version } from './system.js';
import type { StreamingResponse } from './transport.js';
import { VolumeCalls } from './volumes.js';

/**
 * A client for one Docker-API engine: typed calls by area plus raw HTTP for protocol tests.
 * Lifecycle:
 *   await using docker = new DockerApiClient('unix:///var/run/docker.sock');   // or an EngineEndpoint
 *   await docker.negotiate();                       // optional: the first versioned call does it
 *   const { Id } = await docker.containers.create('name', { Image: 'img', Cmd: ['true'] });
 *   const res = await docker.raw('GET', '/containers/json');    // status, headers, body; never throws on status
 *   await docker.close();                           // or let `await using` do it
 */
export class DockerApiClient {
  readonly core: DockerApiCore;
  readonly endpoint: EngineEndpoint | undefined;
  readonly images: ImagesApi;
  readonly containers: ContainersApi;
  readonly exec: ExecCalls;
  readonly volumes: VolumeCalls;
  readonly networks: NetworkCalls;

  constructor(endpoint: EngineEndpoint | string, opts: DockerApiOptions = {}) {
    this.endpoint = typeof endpoint === 'string' ? undefined : endpoint;
    this.core = new DockerApiCore(typeof endpoint === 'string' ? endpoint : endpoint.address, opts);
    this.images = new ImagesApi(this.core);
    this.containers = new ContainersApi(this.core);
    this.exec = new ExecCalls(this.core);
    this.volumes = new VolumeCalls(this.core);
    this.networks = new NetworkCalls(this.core);
  }

  /** The API version in use, once negotiated (or given). */
  get apiVersion(): string | undefined {
    return this.core.apiVersion;
  }

  negotiate(opts: { timeoutMs?: number } = {}): Promise<string> {
    return this.core.negotiate(opts);
  }

  /** `/vX.YY` + path, negotiating first if needed. */
  path(path: string): Promise<string> {
    return this.core.path(path);
  }

  ping(opts: CallOptions = {}): Promise<PingResult> {
    return ping(this.core, opts);
  }

  version(opts: CallOptions = {}): Promise<SystemVersion> {
    return version(this.core, opts);
  }

  info(opts: CallOptions = {}): Promise<SystemInfo> {
    return info(this.core, opts);
  }

  events(opts: EventsOptions = {}): Promise<EventStream> {
    return events(this.core, opts);
  }

  /** Any request; the path is versioned unless `versioned: false`. Never throws on HTTP status. */
  raw(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    return this.core.raw(method, path, opts);
  }

  /** Like `raw`, but the body stays a stream. */
  rawStream(method: string, path: string, opts: StreamOptions = {}): Promise<StreamingResponse> {
    return this.core.rawStream(method, path, opts);
  }

  /** A raw hijacked connection (Upgrade: tcp) for protocol tests; non-101/200 raises EngineError. */
  hijack(method: string, path: string, opts: StreamOptions = {}): Promise<HijackedConnection> {
    return this.core.hijack(method, path, opts);
  }

  close(): Promise<void> {
    return this.core.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
