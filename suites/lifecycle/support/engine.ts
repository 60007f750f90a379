/** The container states the suite observes; `removed` means inspect found no such container. */
export type LifecycleStatus =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'exited'
  | 'removing'
  | 'dead'
  | 'removed';

/** `removed` also waits for an AutoRemove container to be gone (Docker's wait condition). */
export type WaitCondition = 'not-running' | 'removed';

/** A restart policy as Docker names it; `maxRetries` only with on-failure. */
export interface RestartPolicySpec {
  readonly name: 'no' | 'on-failure' | 'always' | 'unless-stopped';
  readonly maxRetries?: number;
}

/** What to create: the probe image's entrypoint (`/bin/probe`) runs with `args`. */
export interface ContainerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly stopSignal?: string;
  readonly restartPolicy?: RestartPolicySpec;
  readonly autoRemove?: boolean;
  /** Run an init process as PID 1 (Docker's HostConfig.Init). */
  readonly init?: boolean;
}

/** One inspect of a container, reduced to what the state machine needs. */
export interface StateView {
  readonly status: LifecycleStatus;
  /** Host pid of the container's main process (0 when none). */
  readonly pid: number;
  /** Exit code of the last run; null when the engine does not report it or it never exited. */
  readonly exitCode: number | null;
  /** How often the engine restarted it (null when the engine has no such counter). */
  readonly restartCount: number | null;
}

/** The view of a container inspect did not find. */
export const REMOVED: StateView = { status: 'removed', pid: 0, exitCode: null, restartCount: null };

/** What an engine can do through its adapter; a test needing a false one skips with `reason`. */
export interface Feature {
  readonly supported: boolean;
  readonly reason?: string;
}

export interface LifecycleFeatures {
  readonly pause: Feature;
  readonly exec: Feature;
  /** Stop with a grace period: StopSignal, then SIGKILL after `timeoutS`, done by the engine. */
  readonly stopTimeout: Feature;
  readonly restartPolicies: Feature;
  readonly autoRemove: Feature;
  readonly init: Feature;
  /** Inspect reports the exit code of an exited container by itself. */
  readonly inspectExitCode: Feature;
  /** Illegal transitions are answered with an HTTP status (409 Conflict on Docker). */
  readonly httpErrors: Feature;
}

/** An engine refused an operation: `status` is the HTTP status (docker-api) or the CLI's exit code. */
export class LifecycleRejection extends Error {
  readonly status: number;
  readonly engineMessage: string;
  constructor(op: string, status: number, engineMessage: string) {
    super(`${op} rejected: ${status} ${engineMessage}`);
    this.name = 'LifecycleRejection';
    this.status = status;
    this.engineMessage = engineMessage;
  }
}

/**
 * The engine seam of the lifecycle suite: one small interface, one adapter per engine family.
 * Lifecycle:
 *   const engine = await openLifecycleEngine(target());  await engine.loadProbe();
 *   const id = await engine.create({ name, args: ['sleep', '30'] });   // 'created'
 *   await engine.start(id);  await engine.pause(id);  await engine.resume(id);   // running/paused
 *   await engine.stop(id, 2);  (await engine.wait(id, 30_000)).exitCode;         // 'exited'
 *   await engine.inspectState(id);  await engine.logs(id);  await engine.remove(id);   // 'removed'
 *   await engine.unloadProbe();  await engine.close();
 * Operations the engine refuses throw LifecycleRejection; every call is bounded in time.
 */
export interface LifecycleEngine {
  readonly name: string;
  readonly features: LifecycleFeatures;
  /** Loads the probe fixture under a run-unique reference. */
  loadProbe(): Promise<void>;
  unloadProbe(): Promise<void>;
  create(spec: ContainerSpec): Promise<string>;
  start(id: string): Promise<void>;
  /** Stops with the container's stop signal, escalating to SIGKILL after `timeoutS` seconds. */
  stop(id: string, timeoutS: number): Promise<void>;
  kill(id: string, signal: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  /** Blocks until the container is not running (or removed) and gives its exit code. */
  wait(id: string, timeoutMs: number, condition?: WaitCondition): Promise<{ exitCode: number }>;
  inspectState(id: string): Promise<StateView>;
  remove(id: string, opts?: { force?: boolean }): Promise<void>;
  /** stdout and stderr so far, as text. */
  logs(id: string): Promise<string>;
  exec(id: string, args: readonly string[]): Promise<{ exitCode: number; output: string }>;
  close(): Promise<void>;
}
