// Engine API exec objects (swagger v1.41: ExecConfig, ExecStartConfig, ExecInspectResponse).

export interface ExecCreateRequest {
  readonly AttachStdin?: boolean;
  readonly AttachStdout?: boolean;
  readonly AttachStderr?: boolean;
  readonly DetachKeys?: string;
  readonly Tty?: boolean;
  readonly Env?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Privileged?: boolean;
  readonly User?: string;
  readonly WorkingDir?: string;
}

export interface ExecInspect {
  readonly CanRemove?: boolean;
  readonly DetachKeys?: string;
  readonly ID?: string;
  readonly Running?: boolean;
  /** null while the process runs (dockerd sends null before exit). */
  readonly ExitCode?: number | null;
  readonly ProcessConfig?: {
    readonly privileged?: boolean;
    readonly user?: string;
    readonly tty?: boolean;
    readonly entrypoint?: string;
    readonly arguments?: readonly string[];
  };
  readonly OpenStdin?: boolean;
  readonly OpenStderr?: boolean;
  readonly OpenStdout?: boolean;
  readonly ContainerID?: string;
  readonly Pid?: number;
}
