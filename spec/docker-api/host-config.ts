// HostConfig and Resources (swagger v1.41), the fields the suites use; all optional as in the spec.

export interface Ulimit {
  readonly Name?: string;
  readonly Soft?: number;
  readonly Hard?: number;
}

export interface DeviceMapping {
  readonly PathOnHost?: string;
  readonly PathInContainer?: string;
  readonly CgroupPermissions?: string;
}

export interface Resources {
  readonly CpuShares?: number;
  readonly Memory?: number;
  readonly CgroupParent?: string;
  readonly BlkioWeight?: number;
  readonly CpuPeriod?: number;
  readonly CpuQuota?: number;
  readonly CpusetCpus?: string;
  readonly CpusetMems?: string;
  readonly Devices?: readonly DeviceMapping[];
  readonly DeviceCgroupRules?: readonly string[];
  readonly MemoryReservation?: number;
  readonly MemorySwap?: number;
  readonly MemorySwappiness?: number;
  readonly NanoCpus?: number;
  readonly OomKillDisable?: boolean;
  readonly Init?: boolean | null;
  readonly PidsLimit?: number | null;
  readonly Ulimits?: readonly Ulimit[];
}

export interface Mount {
  readonly Target?: string;
  readonly Source?: string;
  readonly Type?: 'bind' | 'volume' | 'tmpfs' | 'npipe';
  readonly ReadOnly?: boolean;
  readonly Consistency?: string;
  readonly BindOptions?: {
    readonly Propagation?: 'private' | 'rprivate' | 'shared' | 'rshared' | 'slave' | 'rslave';
    readonly NonRecursive?: boolean;
  };
  readonly VolumeOptions?: {
    readonly NoCopy?: boolean;
    readonly Labels?: Readonly<Record<string, string>>;
    readonly DriverConfig?: { readonly Name?: string; readonly Options?: Readonly<Record<string, string>> };
  };
  readonly TmpfsOptions?: { readonly SizeBytes?: number; readonly Mode?: number };
}

export interface RestartPolicy {
  readonly Name?: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly MaximumRetryCount?: number;
}

export interface PortBinding {
  readonly HostIp?: string;
  readonly HostPort?: string;
}

/** `"80/tcp": [{ HostIp: '127.0.0.1', HostPort: '8080' }]`. */
export type PortMap = Readonly<Record<string, readonly PortBinding[] | null>>;

export interface HostConfig extends Resources {
  readonly Binds?: readonly string[];
  readonly LogConfig?: { readonly Type?: string; readonly Config?: Readonly<Record<string, string>> };
  readonly NetworkMode?: string;
  readonly PortBindings?: PortMap;
  readonly RestartPolicy?: RestartPolicy;
  readonly AutoRemove?: boolean;
  readonly VolumesFrom?: readonly string[];
  readonly Mounts?: readonly Mount[];
  readonly CapAdd?: readonly string[];
  readonly CapDrop?: readonly string[];
  readonly CgroupnsMode?: 'private' | 'host';
  readonly Dns?: readonly string[];
  readonly DnsOptions?: readonly string[];
  readonly DnsSearch?: readonly string[];
  readonly ExtraHosts?: readonly string[];
  readonly GroupAdd?: readonly string[];
  readonly IpcMode?: string;
  readonly OomScoreAdj?: number;
  readonly PidMode?: string;
  readonly Privileged?: boolean;
  readonly PublishAllPorts?: boolean;
  readonly ReadonlyRootfs?: boolean;
  readonly SecurityOpt?: readonly string[];
  readonly StorageOpt?: Readonly<Record<string, string>>;
  readonly Tmpfs?: Readonly<Record<string, string>>;
  readonly UTSMode?: string;
  readonly UsernsMode?: string;
  readonly ShmSize?: number;
  readonly Sysctls?: Readonly<Record<string, string>>;
  readonly Runtime?: string;
  readonly ConsoleSize?: readonly number[] | null;
  readonly MaskedPaths?: readonly string[];
  readonly ReadonlyPaths?: readonly string[];
}
