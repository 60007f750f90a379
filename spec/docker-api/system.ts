// Engine API system objects (swagger v1.41: SystemVersion, SystemInfo subset, EventMessage).

export interface SystemVersion {
  readonly Platform?: { readonly Name: string };
  readonly Components?: readonly {
    readonly Name: string;
    readonly Version: string;
    readonly Details?: Readonly<Record<string, unknown>> | null;
  }[];
  readonly Version?: string;
  readonly ApiVersion?: string;
  readonly MinAPIVersion?: string;
  readonly GitCommit?: string;
  readonly GoVersion?: string;
  readonly Os?: string;
  readonly Arch?: string;
  readonly KernelVersion?: string;
  readonly Experimental?: boolean;
  readonly BuildTime?: string;
}

/** The fields of GET /info this harness reads; engines send many more. */
export interface SystemInfo {
  readonly ID?: string;
  readonly Containers?: number;
  readonly ContainersRunning?: number;
  readonly ContainersPaused?: number;
  readonly ContainersStopped?: number;
  readonly Images?: number;
  readonly Driver?: string;
  readonly DockerRootDir?: string;
  readonly MemoryLimit?: boolean;
  readonly SwapLimit?: boolean;
  readonly PidsLimit?: boolean;
  readonly OomKillDisable?: boolean;
  readonly LoggingDriver?: string;
  readonly CgroupDriver?: 'cgroupfs' | 'systemd' | 'none';
  readonly CgroupVersion?: '1' | '2';
  readonly KernelVersion?: string;
  readonly OperatingSystem?: string;
  readonly OSType?: string;
  readonly Architecture?: string;
  readonly NCPU?: number;
  readonly MemTotal?: number;
  readonly Name?: string;
  readonly Labels?: readonly string[];
  readonly ServerVersion?: string;
  readonly Runtimes?: Readonly<
    Record<string, { readonly path?: string; readonly runtimeArgs?: readonly string[] }>
  >;
  readonly DefaultRuntime?: string;
  readonly LiveRestoreEnabled?: boolean;
  readonly SecurityOptions?: readonly string[];
  readonly Warnings?: readonly string[] | null;
}

/** One message of GET /events. */
export interface EventMessage {
  /** container, image, volume, network, daemon, plugin, node, service, secret, config. */
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> };
  /** local or swarm (documented from later API versions; dockerd 20.10 sends it). */
  readonly scope?: string;
  readonly time?: number;
  readonly timeNano?: number;
  /** Deprecated top-level fields some engines still send. */
  readonly status?: string;
  readonly id?: string;
  readonly from?: string;
}
