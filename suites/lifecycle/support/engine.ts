import type { ContainerStatus, RestartPolicy } from '../../../core/engines/container-engine/types.js';

/** The container states the suite observes; `removed` means inspect found no such container. */
export type LifecycleStatus = ContainerStatus | 'removed';

/** `removed` also waits for an AutoRemove container to be gone (Docker's wait condition). */
export type WaitCondition = 'not-running' | 'removed';

export type RestartPolicySpec = RestartPolicy;

/** What to create: the probe image's `/bin/probe` runs with `args`. */
export interface ContainerSpec {
  readonly name: string;
  readonly args: readonly string[];
  readonly stopSignal?: string;
  /** Needs capability containers.restart-policy. */
  readonly restartPolicy?: RestartPolicySpec;
  /** Needs capability containers.auto-remove. */
  readonly autoRemove?: boolean;
  /** Run an init process as PID 1 (Docker's HostConfig.Init); needs capability containers.init. */
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
