import type { Readable } from 'node:stream';
import type { EngineFamily } from '../types.js';

/** Bounds of one call. Engines driven through a CLI (containerd's ctr) cannot abort and ignore `signal`. */
export interface EngineCall {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface LoadOptions extends EngineCall {
  /** The `name:tag` the archive carries; engines that name what they import from it (ctr) use it. */
  readonly ref?: string;
}

export interface LoadResult {
  /** The names the engine reports it now holds (IDs left out); may be empty when it reports none. */
  readonly images: readonly string[];
  /** What the engine printed while loading. */
  readonly message: string;
}

/** A restart policy as Docker names it; `maxRetries` only with on-failure. */
export interface RestartPolicy {
  readonly name: 'no' | 'on-failure' | 'always' | 'unless-stopped';
  readonly maxRetries?: number;
}

/**
 * What to create. Options an engine lacks the capability for (restart policy, auto-remove, init, a
 * bridge network) are refused with an error naming the capability, never silently dropped.
 */
export interface ContainerSpec {
  /** A name the engine holds the image under (see LoadResult.images and findImage). */
  readonly image: string;
  /** The whole argv of the container's process: it replaces the image's entrypoint and command. */
  readonly command: readonly string[];
  /** The container's name (Docker) or ID (containerd); the engine or the client picks one when absent. */
  readonly name?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Default `none`: no network but loopback. `bridge` needs the `networks` capability. */
  readonly network?: 'none' | 'bridge';
  readonly stopSignal?: string;
  /** Needs `containers.restart-policy` (a policy `no` is the default everywhere). */
  readonly restartPolicy?: RestartPolicy;
  /** Needs `containers.auto-remove`. */
  readonly autoRemove?: boolean;
  /** Needs `containers.init`. */
  readonly init?: boolean;
  /** The process's working directory (Docker Config.WorkingDir, ctr --cwd); default the image's. */
  readonly workingDir?: string;
  /**
   * Set no_new_privs on the process (Docker SecurityOpt `no-new-privileges`); false asks for it off
   * where the engine sets it by default (ctr --allow-new-privs); absent: the engine's default.
   */
  readonly noNewPrivileges?: boolean;
  /**
   * The caller never reads the output: engines whose logs are kept by the client (containerd through
   * ctr: a log driver per task) skip that; engines that log by themselves keep doing so.
   */
  readonly discardOutput?: boolean;
}

export type ContainerStatus =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'exited'
  | 'removing'
  | 'dead';

/** One inspect of a container, reduced to what every family can say. */
export interface ContainerState {
  readonly status: ContainerStatus;
  /** Host pid of the main process; 0 when none. */
  readonly pid: number;
  /** Exit code of the last run; null while it runs, before the first run, or without `containers.exit-code`. */
  readonly exitCode: number | null;
  /** How often the engine restarted it; null when the engine keeps no such count. */
  readonly restartCount: number | null;
}

/** `removed` also waits for an auto-removed container to be gone (needs `containers.auto-remove`). */
export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export interface WaitOptions extends EngineCall {
  /** Default: the engine's (not-running). */
  readonly condition?: WaitCondition;
  /** How often an engine that has to poll for the exit (containerd through ctr) polls; default 50 ms. */
  readonly pollIntervalMs?: number;
}

export interface StopOptions extends EngineCall {
  /** Seconds between the stop signal and SIGKILL; default 10. */
  readonly timeoutS?: number;
}

export interface RemoveOptions extends EngineCall {
  /** Remove it even when running (killing it first); for images, even when containers use it. */
  readonly force?: boolean;
}

export interface ListOptions extends EngineCall {
  /** Only containers carrying this label, `key=value` (Docker's filter syntax). */
  readonly label: string;
}

/** What a process wrote and how it ended. */
export interface ProcessResult {
  /** The exit code; -1 when the engine reported none. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunResult extends ProcessResult {
  /** The container's ID (already removed when `run` returns). */
  readonly id: string;
}

/** A container's output so far. Engines that keep one merged stream (containerd's log file) give it as stdout. */
export interface ContainerLogs {
  readonly stdout: string;
  readonly stderr: string;
}

export interface ContainerEvent {
  /** `container`, `image`, `network` ... */
  readonly type: string;
  /** `create`, `start`, `die` ... */
  readonly action: string;
  /** The object's ID (or name, as the engine reports it). */
  readonly id: string;
  /** Unix time in nanoseconds. */
  readonly timeNano: number;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface EventOptions extends EngineCall {
  /** Only events of this container. */
  readonly container?: string;
  /** Unix seconds. */
  readonly since?: number;
  readonly until?: number;
}

/** Live events; iterate with `for await`, `abort()` ends the iteration quietly. */
export interface EngineEvents extends AsyncIterable<ContainerEvent> {
  abort(): void;
}

/**
 * One container engine (docker, podman, shipd, containerd), whatever its family speaks. Every suite and
 * benchmark takes the part it needs, `Pick<ContainerEngine, 'load' | 'create' | ...>`, from the one
 * implementation of the engine's family, opened by `openContainerEngine` (core/engines/families).
 * What an engine can do is in its EngineDescription's capabilities, not here: a test that needs one the
 * engine lacks is skipped before it calls anything. A refusal by the engine is an EngineError (HTTP
 * status, or the CLI's exit code) with the engine's message; every call is bounded in time.
 *
 * Lifecycle:
 *   const engine = openContainerEngine(await describeEngine(endpoint), { timeoutMs: 30_000 });
 *   const { images } = await engine.load(archiveBytes, { ref: 'demo/probe:1' });   // docker-archive or OCI
 *   const image = (await engine.findImage('demo/probe:1')) ?? images[0];           // Podman: localhost/…
 *   const id = await engine.create({ image, command: ['/bin/probe', 'sigwait'], labels: { run: 'a1' } });
 *   await engine.start(id);                          // (await engine.inspect(id))?.status === 'running'
 *   await engine.pause(id); await engine.resume(id);     // capability `pause`
 *   await engine.exec(id, ['/bin/probe', 'exit', '7']);  // { exitCode: 7, stdout, stderr }; `exec`
 *   await engine.kill(id, 'SIGUSR1');  await engine.stop(id, { timeoutS: 2 });
 *   const { exitCode } = await engine.wait(id, { timeoutMs: 30_000 });
 *   (await engine.logs(id)).stdout;   await engine.remove(id);   // inspect now gives undefined
 *   await engine.run({ image, command: ['/bin/probe', 'report'] });   // create+start+wait+logs+remove
 *   await engine.removeImage(image, { force: true });  await engine.close();
 */
export interface ContainerEngine {
  /** The engine's short name (docker, podman, containerd). */
  readonly name: string;
  readonly family: EngineFamily;

  /** Loads a docker-archive or OCI-layout tar; a refusal is an EngineError with the engine's message. */
  load(archive: Uint8Array | Readable, opts?: LoadOptions): Promise<LoadResult>;
  /** The name under which the engine holds `ref` (Podman: `localhost/…`, containerd: `docker.io/…`), or undefined. */
  findImage(ref: string, opts?: EngineCall): Promise<string | undefined>;
  /** The image ID: the digest of the config of the image held under `name` (for this platform). */
  imageId(name: string, opts?: EngineCall): Promise<string>;
  /** Writes the engine's export of `names` (one or several images) to `file`; capability `images.save`. */
  saveImages(names: readonly string[], file: string, opts?: EngineCall): Promise<void>;
  /** Removes the image `name`; resolves false when the engine held no such image. */
  removeImage(name: string, opts?: RemoveOptions): Promise<boolean>;

  /** Creates (does not start) a container; resolves its ID. */
  create(spec: ContainerSpec, opts?: EngineCall): Promise<string>;
  start(id: string, opts?: EngineCall): Promise<void>;
  /** Stops with the container's stop signal, then SIGKILL after `timeoutS` seconds. */
  stop(id: string, opts?: StopOptions): Promise<void>;
  /** Sends `signal` (a name or a number; default SIGKILL) to the main process. */
  kill(id: string, signal?: string, opts?: EngineCall): Promise<void>;
  /** Freezes every process of the container; capability `pause`. */
  pause(id: string, opts?: EngineCall): Promise<void>;
  resume(id: string, opts?: EngineCall): Promise<void>;
  /** Blocks until the condition holds and gives the exit code; give a `timeoutMs` that covers the run. */
  wait(id: string, opts?: WaitOptions): Promise<{ exitCode: number }>;
  remove(id: string, opts?: RemoveOptions): Promise<void>;
  /** The container's state, or undefined when the engine has no such container. */
  inspect(id: string, opts?: EngineCall): Promise<ContainerState | undefined>;
  /** IDs of the containers (running or not) that carry the label. */
  list(opts: ListOptions): Promise<string[]>;
  /** stdout and stderr so far; capability `logs`. */
  logs(id: string, opts?: EngineCall): Promise<ContainerLogs>;
  /** Runs `command` in the running container to its end; capability `exec`. */
  exec(id: string, command: readonly string[], opts?: EngineCall): Promise<ProcessResult>;
  /** Create, start, wait, collect the output, remove: one container run to its end. */
  run(spec: ContainerSpec, opts?: EngineCall): Promise<RunResult>;
  /** Live events, where the family has them (capability `events`). */
  events?(opts?: EventOptions): Promise<EngineEvents>;

  /** True while the engine answers. */
  alive(): Promise<boolean>;
  close(): Promise<void>;
}

/** How to reach the engine: bounds applied to every call unless the call gives its own. */
export interface OpenOptions {
  /** Default bound of each call; default 30 s. */
  readonly timeoutMs?: number;
  /** Longest life of a streamed answer (image load and save) after its head; the family's default. */
  readonly streamTimeoutMs?: number;
}
