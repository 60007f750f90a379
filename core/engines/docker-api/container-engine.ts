import type { Readable } from 'node:stream';
import type { ContainerCreateRequest, ContainerInspect } from '../../../spec/docker-api/containers.js';
import { EngineError } from '../../errors.js';
import type {
  ContainerEngine,
  ContainerLogs,
  ContainerSpec,
  ContainerState,
  ContainerStatus,
  EngineCall,
  EngineEvents,
  EventOptions,
  ListOptions,
  LoadOptions,
  LoadResult,
  OpenOptions,
  ProcessResult,
  RemoveOptions,
  RunResult,
  StopOptions,
  WaitOptions,
} from '../container-engine/types.js';
import type { EngineEndpoint } from '../types.js';
import { DockerApiClient } from './client.js';
import { containerEvents } from './engine-events.js';
import { findImage, loadImage, removeImage, saveImages } from './engine-images.js';

/** The create body: the command as Entrypoint + Cmd, so it replaces the image's, as on every family. */
export const createRequest = (spec: ContainerSpec): ContainerCreateRequest => {
  const policy = spec.restartPolicy;
  return {
    Image: spec.image,
    Entrypoint: spec.command.slice(0, 1),
    Cmd: spec.command.slice(1),
    Labels: spec.labels === undefined ? undefined : { ...spec.labels },
    StopSignal: spec.stopSignal,
    WorkingDir: spec.workingDir,
    HostConfig: {
      NetworkMode: spec.network ?? 'none',
      AutoRemove: spec.autoRemove,
      Init: spec.init,
      RestartPolicy: policy && { Name: policy.name, MaximumRetryCount: policy.maxRetries },
      SecurityOpt:
        spec.noNewPrivileges === undefined
          ? undefined
          : [spec.noNewPrivileges ? 'no-new-privileges' : 'no-new-privileges=false'],
    },
  };
};

/** Inspect reduced to the state every family reports; the exit code only once the container ran and stopped. */
export const stateOf = (c: ContainerInspect): ContainerState => {
  const s = c.State ?? {};
  return {
    status: (s.Status ?? 'dead') as ContainerStatus,
    pid: s.Pid ?? 0,
    exitCode: s.Running || s.Status === 'created' ? null : (s.ExitCode ?? null),
    restartCount: c.RestartCount ?? null,
  };
};

/**
 * A Docker-API engine (dockerd, Podman's compat API, shipd) as a ContainerEngine, on DockerApiClient:
 * one typed call per operation. `client` stays open for what only this family has (raw HTTP, commit,
 * SizeRw); `close()` closes it.
 */
export class DockerApiEngine implements ContainerEngine {
  readonly name: string;
  readonly family = 'docker-api' as const;
  readonly client: DockerApiClient;

  constructor(endpoint: EngineEndpoint, opts: OpenOptions = {}) {
    this.name = endpoint.name;
    this.client = new DockerApiClient(endpoint, {
      timeoutMs: opts.timeoutMs ?? 30_000,
      ...(opts.streamTimeoutMs === undefined ? {} : { streamTimeoutMs: opts.streamTimeoutMs }),
    });
  }

  load = (archive: Uint8Array | Readable, opts?: LoadOptions): Promise<LoadResult> =>
    loadImage(this.client, archive, opts);
  findImage = (ref: string, opts?: EngineCall) => findImage(this.client, ref, opts);
  imageId = async (name: string, opts?: EngineCall) => (await this.client.images.inspect(name, opts)).Id;
  saveImages = (names: readonly string[], file: string, opts?: EngineCall) =>
    saveImages(this.client, names, file, opts);
  removeImage = (name: string, opts?: RemoveOptions) => removeImage(this.client, name, opts);

  async create(spec: ContainerSpec, opts: EngineCall = {}): Promise<string> {
    return (await this.client.containers.create(spec.name, createRequest(spec), opts)).Id;
  }

  start = (id: string, opts?: EngineCall) => this.client.containers.start(id, opts);
  stop = (id: string, opts: StopOptions = {}) =>
    this.client.containers.stop(id, { t: opts.timeoutS, timeoutMs: opts.timeoutMs });
  kill = (id: string, signal?: string, opts?: EngineCall) => this.client.containers.kill(id, signal, opts);
  pause = (id: string, opts?: EngineCall) => this.client.containers.pause(id, opts);
  resume = (id: string, opts?: EngineCall) => this.client.containers.unpause(id, opts);

  async wait(id: string, opts: WaitOptions = {}): Promise<{ exitCode: number }> {
    const { condition, timeoutMs, signal } = opts;
    return { exitCode: (await this.client.containers.wait(id, condition, { timeoutMs, signal })).StatusCode };
  }

  /** DELETE /containers/{id} with its anonymous volumes. */
  remove = (id: string, opts: RemoveOptions = {}) => this.client.containers.remove(id, { ...opts, v: true });

  async inspect(id: string, opts?: EngineCall): Promise<ContainerState | undefined> {
    try {
      return stateOf(await this.client.containers.inspect(id, opts));
    } catch (err) {
      if (err instanceof EngineError && err.status === 404) return undefined;
      throw err;
    }
  }

  async list(opts: ListOptions): Promise<string[]> {
    const { label, timeoutMs, signal } = opts;
    const found = await this.client.containers.list({
      all: true,
      filters: { label: [label] },
      timeoutMs,
      signal,
    });
    return found.flatMap((c) => (c.Id ? [c.Id] : []));
  }

  async logs(id: string, opts: EngineCall = {}): Promise<ContainerLogs> {
    const out = await this.client.containers.logs(id, { ...opts, tty: false });
    return { stdout: out.stdout.toString(), stderr: out.stderr.toString() };
  }

  async exec(id: string, command: readonly string[], opts: EngineCall = {}): Promise<ProcessResult> {
    const r = await this.client.exec.run(id, command, opts);
    return { exitCode: r.exitCode ?? -1, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  }

  async run(spec: ContainerSpec, opts: EngineCall = {}): Promise<RunResult> {
    const id = await this.create(spec, opts);
    try {
      await this.start(id, opts);
      const { exitCode } = await this.wait(id, opts);
      return { id, exitCode, ...(await this.logs(id, opts)) };
    } finally {
      await this.remove(id, { force: true }).catch(() => undefined);
    }
  }

  events = (opts?: EventOptions): Promise<EngineEvents> => containerEvents(this.client, opts);

  async alive(): Promise<boolean> {
    const res = await this.client.raw('GET', '/_ping', { versioned: false }).catch(() => undefined);
    return res?.status === 200;
  }

  close = () => this.client.close();
}
