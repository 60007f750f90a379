import type { SchemaObject } from 'ajv/dist/2020.js';
import { anyObj, arr, bool, int, map, nullable, obj, str, strArr, strMap, timestamp } from './build.js';
import { ContainerConfig, EndpointSettings, GraphDriverData, MountPoint, Port, PortMap } from './common.js';

const STATUSES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** swagger ContainerState; Health is x-nullable. */
export const ContainerState = obj(
  {
    Status: str({ enum: STATUSES }),
    Running: bool(),
    Paused: bool(),
    Restarting: bool(),
    OOMKilled: bool(),
    Dead: bool(),
    Pid: int(),
    ExitCode: int(),
    Error: str(),
    StartedAt: str(),
    FinishedAt: str(),
    Health: nullable(
      obj({
        Status: str({ enum: ['none', 'starting', 'healthy', 'unhealthy'] }),
        FailingStreak: int(),
        Log: nullable(arr(obj({ Start: str(), End: str(), ExitCode: int(), Output: str() }))),
      }),
    ),
  },
  [],
  ['Status', 'Running', 'Pid', 'ExitCode'],
);

const RestartPolicy = obj({
  Name: str({ enum: ['', 'no', 'always', 'unless-stopped', 'on-failure'] }),
  MaximumRetryCount: int(),
});

/**
 * swagger HostConfig (with Resources): the fields whose types matter to the suite. dockerd sends null
 * for every unset list (Binds, CapAdd, Devices, Ulimits, ...) and for MemorySwappiness/PidsLimit.
 */
const HostConfig = obj({
  Binds: nullable(strArr()),
  ContainerIDFile: str(),
  LogConfig: obj({ Type: str(), Config: nullable(strMap()) }),
  NetworkMode: str(),
  PortBindings: nullable(PortMap),
  RestartPolicy,
  AutoRemove: bool(),
  VolumeDriver: str(),
  VolumesFrom: nullable(strArr()),
  Mounts: nullable(arr(anyObj())),
  CapAdd: nullable(strArr()),
  CapDrop: nullable(strArr()),
  CgroupnsMode: str({ enum: ['', 'private', 'host'] }),
  Dns: nullable(strArr()),
  DnsOptions: nullable(strArr()),
  DnsSearch: nullable(strArr()),
  ExtraHosts: nullable(strArr()),
  GroupAdd: nullable(strArr()),
  IpcMode: str(),
  Links: nullable(strArr()),
  OomScoreAdj: int(),
  PidMode: str(),
  Privileged: bool(),
  PublishAllPorts: bool(),
  ReadonlyRootfs: bool(),
  SecurityOpt: nullable(strArr()),
  Tmpfs: nullable(strMap()),
  UTSMode: str(),
  UsernsMode: str(),
  ShmSize: int({ minimum: 0 }),
  Sysctls: nullable(strMap()),
  Runtime: str(),
  ConsoleSize: nullable(arr(int({ minimum: 0 }))),
  Isolation: str(),
  MaskedPaths: nullable(strArr()),
  ReadonlyPaths: nullable(strArr()),
  CpuShares: int(),
  Memory: int(),
  NanoCpus: int(),
  CgroupParent: str(),
  CpuPeriod: int(),
  CpuQuota: int(),
  CpusetCpus: str(),
  MemoryReservation: int(),
  MemorySwap: int(),
  MemorySwappiness: nullable(int()),
  OomKillDisable: nullable(bool()),
  Init: nullable(bool()),
  PidsLimit: nullable(int()),
  Devices: nullable(arr(anyObj())),
  Ulimits: nullable(arr(obj({ Name: str(), Soft: int(), Hard: int() }))),
});

/** swagger NetworkSettings; SecondaryIP* are x-nullable, Ports is a PortMap. */
const NetworkSettings = obj({
  Bridge: str(),
  SandboxID: str(),
  HairpinMode: bool(),
  LinkLocalIPv6Address: str(),
  LinkLocalIPv6PrefixLen: int(),
  Ports: nullable(PortMap),
  SandboxKey: str(),
  SecondaryIPAddresses: nullable(arr(anyObj())),
  SecondaryIPv6Addresses: nullable(arr(anyObj())),
  EndpointID: str(),
  Gateway: str(),
  IPAddress: str(),
  IPPrefixLen: int(),
  MacAddress: str(),
  Networks: map(EndpointSettings),
});

/**
 * GET /containers/{id}/json (ContainerInspect). The swagger marks nothing required; dockerd always sends
 * the identity, state and configuration fields listed in `alwaysSent`.
 */
export const ContainerInspect = obj(
  {
    Id: str({ pattern: '^[0-9a-f]{64}$' }),
    Created: timestamp(),
    Path: str(),
    Args: nullable(strArr()),
    State: nullable(ContainerState),
    Image: str(),
    ResolvConfPath: str(),
    HostnamePath: str(),
    HostsPath: str(),
    LogPath: str(),
    Name: str(),
    RestartCount: int({ minimum: 0 }),
    Driver: str(),
    Platform: str(),
    MountLabel: str(),
    ProcessLabel: str(),
    AppArmorProfile: str(),
    ExecIDs: nullable(strArr()),
    HostConfig,
    GraphDriver: GraphDriverData,
    SizeRw: int(),
    SizeRootFs: int(),
    Mounts: arr(MountPoint),
    Config: ContainerConfig,
    NetworkSettings,
  },
  [],
  [
    'Id',
    'Created',
    'Path',
    'Args',
    'State',
    'Image',
    'Name',
    'HostConfig',
    'Mounts',
    'Config',
    'NetworkSettings',
  ],
);

/** One item of GET /containers/json (swagger ContainerSummary describes the list; this is its item). */
export const ContainerSummary: SchemaObject = obj(
  {
    Id: str({ pattern: '^[0-9a-f]{64}$' }),
    Names: strArr(),
    Image: str(),
    ImageID: str(),
    Command: str(),
    Created: int(),
    Ports: arr(Port),
    SizeRw: int(),
    SizeRootFs: int(),
    Labels: nullable(strMap()),
    State: str(),
    Status: str(),
    HostConfig: obj({ NetworkMode: str() }),
    NetworkSettings: obj({ Networks: map(EndpointSettings) }),
    Mounts: arr(MountPoint),
  },
  [],
  ['Id', 'Names', 'Image', 'ImageID', 'Command', 'Created', 'State', 'Status'],
);

/** POST /containers/{id}/wait: StatusCode required; dockerd sends `"Error": null` when there was none. */
export const ContainerWaitResponse = obj({ StatusCode: int(), Error: nullable(obj({ Message: str() })) }, [
  'StatusCode',
]);

/** GET /containers/{id}/top: titles and one row of strings per process. */
export const ContainerTopResponse = obj(
  { Titles: strArr(), Processes: arr(strArr()) },
  [],
  ['Titles', 'Processes'],
);

/** POST /containers/create (201): Id and Warnings required, Warnings not nullable. */
export const ContainerCreateResponse = obj({ Id: str({ pattern: '^[0-9a-f]{64}$' }), Warnings: strArr() }, [
  'Id',
  'Warnings',
]);

/** One item of GET /containers/{id}/changes: Kind 0 modified, 1 added, 2 deleted. */
export const ContainerChangeResponseItem = obj(
  { Path: str({ pattern: '^/' }), Kind: int({ enum: [0, 1, 2] }) },
  ['Path', 'Kind'],
);

/** POST /containers/prune. dockerd sends `ContainersDeleted: null` when none went. */
export const ContainerPruneResponse = obj(
  { ContainersDeleted: nullable(strArr()), SpaceReclaimed: int({ minimum: 0 }) },
  [],
  ['ContainersDeleted', 'SpaceReclaimed'],
);
