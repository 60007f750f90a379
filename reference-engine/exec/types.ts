/** The body of POST /containers/{id}/exec (ExecConfig), as far as shipd reads it. */
export interface ExecCreateBody {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  DetachKeys?: string;
  /** Decoded by dockerd and not used by exec create; checked for its type only. */
  Detach?: boolean;
  Tty?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Privileged?: boolean;
  User?: string;
  WorkingDir?: string;
  ConsoleSize?: [number, number] | null;
}

/** An exec's settings, checked at create. */
export interface ExecSettings {
  cmd: string[];
  env: string[];
  user: string;
  workingDir: string;
  tty: boolean;
  privileged: boolean;
  attachStdin: boolean;
  attachStdout: boolean;
  attachStderr: boolean;
  /** As given (the inspect shows it); parsed when the exec starts attached. */
  detachKeys: string;
  consoleSize?: { height: number; width: number };
}

export type ExecStatus = 'created' | 'running' | 'exited';

/**
 * One exec instance, kept in memory by the ExecStore. Lifecycle: `created` by POST exec, `running`
 * once its process runs (pid set), `exited` with its exit code; it is forgotten with its container.
 */
export interface ExecRecord {
  readonly id: string;
  readonly containerId: string;
  readonly settings: ExecSettings;
  status: ExecStatus;
  /** Set by the start that took it (a second start is a Conflict). */
  started: boolean;
  pid: number;
  exitCode: number | null;
  /** The resize FIFO of a running TTY exec (the shim makes it and removes it at the end). */
  resizeFifo?: string;
}

/** GET /exec/{id}/json (ExecInspectResponse, dockerd 20.10's field order). */
export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ProcessConfig: {
    tty: boolean;
    entrypoint: string;
    arguments: string[];
    privileged: boolean;
    user?: string;
  };
  OpenStdin: boolean;
  OpenStderr: boolean;
  OpenStdout: boolean;
  CanRemove: boolean;
  ContainerID: string;
  DetachKeys: string;
  Pid: number;
}
