import type {
  ContainerConfig,
  ContainerCreateBody,
  ContainerJSON,
  ContainerPruneResponse,
  ContainerSummary,
  ContainerTopResponse,
  ContainerUpdateResponse,
  ContainerWaitResponse,
  DockerStatus,
  HostConfig,
  MountPoint,
  Resources,
  RestartPolicy,
} from '../daemon/wire/containers.js';
import type { HealthState } from './health.js';

export type { DockerStatus } from '../daemon/wire/containers.js';

/**
 * The lifecycle manager of shipd: every container's record, its rootfs, its runtime state and its
 * exit monitoring. It speaks Docker's vocabulary (names, statuses, Config/HostConfig) and throws engine
 * errors (NotFound "No such container: x", Conflict, NotModified, InvalidArgument); it knows no HTTP.
 *
 * Lifecycle of one container:
 *
 *   const mgr = await openContainerManager({ root, execRoot, images, driver, events, volumes });
 *                                            // adopts what survived: live shims re-monitored, dead ones
 *                                            // get their recorded exit, restart policies apply again
 *   const { id } = await mgr.create({ name: 'web', body: { Image: 'busybox', Cmd: ['sleep', '9'] } });
 *                                            // status 'created'; rootfs prepared (not mounted); event create
 *   await mgr.start(id);                     // rootfs mounted, shim + init started; 'running'; event start
 *   await mgr.pause(id); await mgr.unpause(id);                 // freezer; 'paused' and back
 *   const done = mgr.wait(id, 'not-running');                   // resolves at the exit: { StatusCode }
 *   await mgr.stop(id, { timeout: 10 });     // StopSignal, SIGKILL after the timeout; 'exited'; die, stop
 *   await mgr.remove(id, { volumes: true }); // runtime state, rootfs snapshot, record gone; event destroy
 *   await mgr.stopAll();                     // shutdown without live-restore: every container stopped
 *   await mgr.close();                       // stops monitoring; containers keep running (shim-owned)
 *
 * Exits are learnt without a Node process per container: the shim (the container's parent) records the
 * exit status in the runtime state dir; the manager polls cheaply and then applies the restart policy
 * (Docker's backoff), AutoRemove and events.
 */
export interface ContainerManager {
  /** Docker create: name rules, image resolve (NotFound "No such image"), rootfs, OCI config, record. */
  create(req: CreateRequest): Promise<CreateResult>;
  /** The record by full id, unique id prefix or name (with or without '/'); NotFound otherwise. */
  get(idOrName: string): ContainerRecord;
  /** Every record (a snapshot of the current state). */
  all(): ContainerRecord[];
  /** GET /containers/json. */
  list(opts?: ListOptions): Promise<ContainerSummary[]>;
  /** GET /containers/{id}/json; `size` adds SizeRw/SizeRootFs. */
  inspect(idOrName: string, opts?: { size?: boolean }): Promise<ContainerJSON>;
  /** NotModified when already running; Conflict when paused or being removed. */
  start(idOrName: string): Promise<void>;
  /** NotModified when not running. Signal = StopSignal (or opts.signal), SIGKILL after the timeout (s). */
  stop(idOrName: string, opts?: StopOptions): Promise<void>;
  restart(idOrName: string, opts?: StopOptions): Promise<void>;
  /** Signal name (`KILL`, `SIGKILL`) or number; Conflict "is not running" when not running. */
  kill(idOrName: string, signal?: string): Promise<void>;
  pause(idOrName: string): Promise<void>;
  unpause(idOrName: string): Promise<void>;
  /**
   * Resolves when the condition holds. Validates synchronously-first: the returned promise rejects with
   * NotFound before anything is awaited, so a route can `get()` first and then send its 200 header.
   * `abort` (client gone) rejects it and drops the waiter.
   */
  wait(idOrName: string, condition?: WaitCondition, abort?: AbortSignal): Promise<ContainerWaitResponse>;
  /** Resolves at the next failed start of the container (or its removal): attach sessions end then. */
  nextStartFailure(id: string, abort?: AbortSignal): Promise<void>;
  /** Conflict when the new name is taken; InvalidArgument when it breaks Docker's rules. */
  rename(idOrName: string, newName: string): Promise<void>;
  update(idOrName: string, update: UpdateRequest): Promise<ContainerUpdateResponse>;
  /** Conflict when running (or paused) without force; `volumes` removes the anonymous volumes too. */
  remove(idOrName: string, opts?: RemoveOptions): Promise<void>;
  prune(filters?: Filters): Promise<ContainerPruneResponse>;
  /** `ps` over the container's pids; Conflict when not running. */
  top(idOrName: string, psArgs?: string): Promise<ContainerTopResponse>;

  // Seams for the other daemon parts (streams, exec, archive, export, logs, stats, images, volumes).

  /**
   * Where the rootfs is mounted on the host: mounted while running, or while a mountRootfs lease is held.
   * Binds, volumes and tmpfs are not under it (they exist in the container's mount namespace only: see
   * `record.mounts`, or /proc/<pid>/root while it runs).
   */
  rootfsPath(id: string): string;
  /** Mounts the rootfs when it is not mounted (stopped container) until `release()`; leases are counted. */
  mountRootfs(idOrName: string): Promise<RootfsLease>;
  /** The json-file log the shim appends to: ROOT/containers/<id>/<id>-json.log. */
  logPath(id: string): string;
  /** The runtime (shiprun library) coordinates: state root + id, for exec, stats and the stdio FIFOs. */
  runtimeRef(id: string): RuntimeRef;
  /** Containers using an image (for rmi and image prune conflicts). */
  usingImage(imageId: string): ContainerRecord[];
  /** Containers whose mounts name a volume (for volume rm conflicts and the volume list filter). */
  usingVolume(name: string): ContainerRecord[];
  /**
   * A daemon shutdown without live-restore: every running container gets its stop signal, then SIGKILL
   * after its stop timeout (capped, see shutdown.ts); rootfs unmounted, runtime state gone. Not a manual
   * stop: restart policies apply again at the next open. No restart is scheduled after it; call close().
   */
  stopAll(): Promise<void>;
  /** Stops exit monitoring and timers; containers keep running under their shims. */
  close(): Promise<void>;
}

export interface CreateRequest {
  /** Query `name`; empty or absent = a generated one. */
  name?: string;
  body: ContainerCreateBody;
}

export interface CreateResult {
  id: string;
  warnings: string[];
}

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export interface StopOptions {
  /** Seconds before SIGKILL; absent = Config.StopTimeout, else 10. Negative = wait forever (Docker). */
  timeout?: number;
  /** Overrides Config.StopSignal (API 1.42's `signal`; accepted here too). */
  signal?: string;
}

export interface RemoveOptions {
  force?: boolean;
  volumes?: boolean;
  link?: boolean;
}

export type UpdateRequest = Resources & { RestartPolicy?: RestartPolicy };

/** Docker `filters`: `{"label":["a=b"], "status":["exited"]}` (the old map form normalised to this). */
export type Filters = Record<string, string[]>;

export interface ListOptions {
  all?: boolean;
  limit?: number;
  size?: boolean;
  filters?: Filters;
}

export interface RootfsLease {
  path: string;
  release(): Promise<void>;
}

export interface RuntimeRef {
  /** The shiprun library's state root (under the exec root). */
  root: string;
  /** The runtime's container id (equal to the Docker id). */
  id: string;
  /** The runtime's state dir for this container (root/id). */
  stateDir: string;
  /** FIFO the shim forwards to the container's stdin (exists only with OpenStdin). */
  stdinFifo: string;
  /** FIFO taking `H W\n` lines for TIOCSWINSZ (exists only with Tty). */
  resizeFifo: string;
}

/** State as dockerd keeps it (State in inspect), plus what restart policies need. */
export interface RecordState {
  status: DockerStatus;
  pid: number;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  /** RFC 3339 with nanoseconds; Docker's zero time '0001-01-01T00:00:00Z' before the first start/exit. */
  startedAt: string;
  finishedAt: string;
  /** True once started; restart-at-boot and `since`/`before` use it. */
  hasBeenStarted: boolean;
  /** Stopped by the user (stop/kill through the API): unless-stopped is not restarted at boot. */
  manuallyStopped: boolean;
  /** The shim's pid and its start time (from /proc, to detect pid reuse) while it lives. */
  shimPid?: number;
  pidStartTime?: number;
  /** State.Health: set at a start when Config.Healthcheck has a probe, then by its results (health-monitor.ts). */
  health?: HealthState;
}

/**
 * One container, persisted as ROOT/containers/<id>/config.v2.json (tmp + rename, see RecordStore.save). A record with
 * `creating: true` on disk is a create cut off by a crash: rolled back at the next open.
 */
export interface ContainerRecord {
  id: string;
  /** With the leading '/', as Docker shows it. */
  name: string;
  /** RFC 3339 nanoseconds. */
  created: string;
  /** Config.Image as given (a reference or an id). */
  imageRef: string;
  /** The resolved image id (sha256:...). */
  image: string;
  path: string;
  args: string[];
  /** Config after merging the image's (Env, Cmd, Entrypoint, WorkingDir, User, Labels, ...). */
  config: ContainerConfig;
  hostConfig: HostConfig;
  state: RecordState;
  restartCount: number;
  /** Storage driver name and the container's active snapshot (key = id); the image's top ChainID. */
  driver: string;
  snapshotKey: string;
  topChainId?: string;
  mounts: MountPoint[];
  /** Anonymous volumes made for this container (removed with `remove(..., { volumes: true })`). */
  anonymousVolumes: string[];
  resolvConfPath: string;
  hostnamePath: string;
  hostsPath: string;
  creating?: boolean;
  removing?: boolean;
  /** With `removing`: the removal also takes the anonymous volumes (finished after a crash too). */
  removeVolumes?: boolean;
}

// ---- Docker-side status guards (the transitions the API allows) ----

export const canStart = (s: DockerStatus): boolean => s === 'created' || s === 'exited' || s === 'dead';
export const isRunning = (s: DockerStatus): boolean =>
  s === 'running' || s === 'paused' || s === 'restarting';
export const canStop = (s: DockerStatus): boolean => s === 'running' || s === 'paused' || s === 'restarting';
export const canKill = (s: DockerStatus): boolean => s === 'running' || s === 'paused' || s === 'restarting';
export const canPause = (s: DockerStatus): boolean => s === 'running';
export const canUnpause = (s: DockerStatus): boolean => s === 'paused';
export const canExec = (s: DockerStatus): boolean => s === 'running';
/** Without force, only a container that is not running may be removed. */
export const canRemove = (s: DockerStatus, force: boolean): boolean => force || !isRunning(s);
