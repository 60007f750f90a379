import type { HostConfig, Mount, PortMap } from './host-config.js';
import type { EndpointSettings } from './networks.js';

// Engine API container objects (swagger v1.41); optional wherever the spec does not list a field as required.

export interface HealthConfig {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly Retries?: number;
  readonly StartPeriod?: number;
}

export interface ContainerConfig {
  readonly Hostname?: string;
  readonly Domainname?: string;
  readonly User?: string;
  readonly AttachStdin?: boolean;
  readonly AttachStdout?: boolean;
  readonly AttachStderr?: boolean;
  readonly ExposedPorts?: Readonly<Record<string, Readonly<Record<string, never>>>> | null;
  readonly Tty?: boolean;
  readonly OpenStdin?: boolean;
  readonly StdinOnce?: boolean;
  readonly Env?: readonly string[] | null;
  readonly Cmd?: readonly string[] | null;
  readonly Healthcheck?: HealthConfig;
  readonly ArgsEscaped?: boolean;
  readonly Image?: string;
  readonly Volumes?: Readonly<Record<string, Readonly<Record<string, never>>>> | null;
  readonly WorkingDir?: string;
  readonly Entrypoint?: readonly string[] | null;
  readonly NetworkDisabled?: boolean;
  readonly MacAddress?: string;
  readonly OnBuild?: readonly string[] | null;
  readonly Labels?: Readonly<Record<string, string>> | null;
  readonly StopSignal?: string;
  readonly StopTimeout?: number;
  readonly Shell?: readonly string[];
}

/** Body of POST /containers/create. */
export interface ContainerCreateRequest extends ContainerConfig {
  readonly HostConfig?: HostConfig;
  readonly NetworkingConfig?: { readonly EndpointsConfig?: Readonly<Record<string, EndpointSettings>> };
}

export interface ContainerCreateResponse {
  readonly Id: string;
  readonly Warnings: readonly string[] | null;
}

export type ContainerStatus =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead';

export interface ContainerState {
  readonly Status?: ContainerStatus;
  readonly Running?: boolean;
  readonly Paused?: boolean;
  readonly Restarting?: boolean;
  readonly OOMKilled?: boolean;
  readonly Dead?: boolean;
  readonly Pid?: number;
  readonly ExitCode?: number;
  readonly Error?: string;
  readonly StartedAt?: string;
  readonly FinishedAt?: string;
  readonly Health?: {
    readonly Status?: 'none' | 'starting' | 'healthy' | 'unhealthy';
    readonly FailingStreak?: number;
  };
}

export interface MountPoint {
  readonly Type?: string;
  readonly Name?: string;
  readonly Source?: string;
  readonly Destination?: string;
  readonly Driver?: string;
  readonly Mode?: string;
  readonly RW?: boolean;
  readonly Propagation?: string;
}

export interface ContainerInspect {
  readonly Id?: string;
  readonly Created?: string;
  readonly Path?: string;
  readonly Args?: readonly string[];
  readonly State?: ContainerState;
  readonly Image?: string;
  readonly ResolvConfPath?: string;
  readonly HostnamePath?: string;
  readonly HostsPath?: string;
  readonly LogPath?: string;
  readonly Name?: string;
  readonly RestartCount?: number;
  readonly Driver?: string;
  readonly Platform?: string;
  readonly ExecIDs?: readonly string[] | null;
  readonly HostConfig?: HostConfig;
  readonly GraphDriver?: { readonly Name: string; readonly Data: Readonly<Record<string, string>> | null };
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Mounts?: readonly MountPoint[];
  readonly Config?: ContainerConfig;
  readonly NetworkSettings?: {
    readonly IPAddress?: string;
    readonly Gateway?: string;
    readonly MacAddress?: string;
    readonly SandboxKey?: string;
    readonly Ports?: PortMap | null;
    readonly Networks?: Readonly<Record<string, EndpointSettings>>;
  };
}

export interface ContainerSummary {
  readonly Id?: string;
  readonly Names?: readonly string[];
  readonly Image?: string;
  readonly ImageID?: string;
  readonly Command?: string;
  readonly Created?: number;
  readonly Ports?: readonly {
    readonly IP?: string;
    readonly PrivatePort: number;
    readonly PublicPort?: number;
    readonly Type: 'tcp' | 'udp' | 'sctp';
  }[];
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly State?: string;
  readonly Status?: string;
  readonly HostConfig?: { readonly NetworkMode?: string };
  readonly NetworkSettings?: { readonly Networks?: Readonly<Record<string, EndpointSettings>> };
  readonly Mounts?: readonly Mount[];
}

export interface ContainerWaitResponse {
  readonly StatusCode: number;
  readonly Error?: { readonly Message?: string } | null;
}

export interface ContainerTopResponse {
  readonly Titles?: readonly string[];
  readonly Processes?: readonly (readonly string[])[];
}

/** One sample of GET /containers/{id}/stats (the spec leaves it an open object). */
export interface ContainerStats {
  readonly read?: string;
  readonly preread?: string;
  readonly pids_stats?: { readonly current?: number; readonly limit?: number };
  readonly cpu_stats?: {
    readonly cpu_usage?: { readonly total_usage?: number };
    readonly system_cpu_usage?: number;
    readonly online_cpus?: number;
  };
  readonly memory_stats?: { readonly usage?: number; readonly limit?: number };
  readonly networks?: Readonly<Record<string, { readonly rx_bytes?: number; readonly tx_bytes?: number }>>;
  readonly [key: string]: unknown;
}
