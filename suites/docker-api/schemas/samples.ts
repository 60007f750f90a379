import type { SchemaName } from './registry.js';

/** A minimal valid body for a schema, a required top-level field to drop, and a field to give a wrong type. */
export interface SchemaSample {
  readonly valid: Readonly<Record<string, unknown>>;
  readonly required: string;
  readonly wrongType: { readonly pointer: string; readonly value: unknown };
}

const HEX = 'a'.repeat(64);
const ID = `sha256:${HEX}`;
const TIME = '2024-01-01T00:00:00Z';
const volume = {
  Name: 'v',
  Driver: 'local',
  Mountpoint: '/var/lib/v',
  Labels: null,
  Scope: 'local',
  Options: null,
};
const imageSummary = {
  Id: ID,
  ParentId: '',
  RepoTags: ['a:b'],
  RepoDigests: null,
  Created: 1,
  Size: 1,
  SharedSize: -1,
  VirtualSize: 1,
  Labels: null,
  Containers: -1,
};
const containerSummary = {
  Id: HEX,
  Names: ['/c'],
  Image: 'a:b',
  ImageID: ID,
  Command: 'x',
  Created: 1,
  State: 'exited',
  Status: 'Exited (0)',
};

/** One sample per schema, used by the schema self-checks (schemas-*.test.ts). */
export const SAMPLES: Readonly<Record<SchemaName, SchemaSample>> = {
  ContainerInspect: {
    valid: {
      Id: HEX,
      Created: TIME,
      Path: '/bin/probe',
      Args: [],
      State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 0 },
      Image: ID,
      Name: '/c',
      HostConfig: {},
      Mounts: [],
      Config: { Env: null },
      NetworkSettings: { Networks: {} },
    },
    required: 'State',
    wrongType: { pointer: '/State/ExitCode', value: '0' },
  },
  ContainerSummary: {
    valid: containerSummary,
    required: 'Names',
    wrongType: { pointer: '/Created', value: TIME },
  },
  ContainerWaitResponse: {
    valid: { StatusCode: 0, Error: null },
    required: 'StatusCode',
    wrongType: { pointer: '/Error', value: 'boom' },
  },
  ContainerTopResponse: {
    valid: { Titles: ['PID'], Processes: [['1']] },
    required: 'Titles',
    wrongType: { pointer: '/Processes/0/0', value: 1 },
  },
  ContainerCreateResponse: {
    valid: { Id: HEX, Warnings: [] },
    required: 'Warnings',
    wrongType: { pointer: '/Warnings', value: null },
  },
  ContainerChangeResponseItem: {
    valid: { Path: '/tmp', Kind: 1 },
    required: 'Kind',
    wrongType: { pointer: '/Kind', value: 'A' },
  },
  ContainerPruneResponse: {
    valid: { ContainersDeleted: null, SpaceReclaimed: 0 },
    required: 'SpaceReclaimed',
    wrongType: { pointer: '/ContainersDeleted', value: HEX },
  },
  ImageInspect: {
    valid: {
      Id: ID,
      Parent: '',
      Comment: '',
      Created: TIME,
      Container: '',
      DockerVersion: '',
      Author: '',
      Architecture: 'amd64',
      Os: 'linux',
      Size: 1,
      VirtualSize: 1,
      GraphDriver: { Name: 'overlay2', Data: null },
      RootFS: { Type: 'layers', Layers: [ID] },
    },
    required: 'RootFS',
    wrongType: { pointer: '/Size', value: '1' },
  },
  ImageSummary: {
    valid: imageSummary,
    required: 'SharedSize',
    wrongType: { pointer: '/RepoTags', value: 'a:b' },
  },
  HistoryResponseItem: {
    valid: { Id: '<missing>', Created: 1, CreatedBy: '', Tags: null, Size: 0, Comment: '' },
    required: 'CreatedBy',
    wrongType: { pointer: '/Size', value: -1 },
  },
  ImageDeleteResponseItem: {
    valid: { Untagged: 'a:b' },
    required: 'Untagged',
    wrongType: { pointer: '/Untagged', value: 1 },
  },
  ImagePruneResponse: {
    valid: { ImagesDeleted: [{ Deleted: ID }], SpaceReclaimed: 0 },
    required: 'ImagesDeleted',
    wrongType: { pointer: '/ImagesDeleted/0/Deleted', value: 5 },
  },
  Volume: { valid: volume, required: 'Mountpoint', wrongType: { pointer: '/Scope', value: 'cluster' } },
  VolumeListResponse: {
    valid: { Volumes: [volume], Warnings: null },
    required: 'Volumes',
    wrongType: { pointer: '/Volumes/0/Labels', value: ['a'] },
  },
  VolumePruneResponse: {
    valid: { VolumesDeleted: ['v'], SpaceReclaimed: 0 },
    required: 'VolumesDeleted',
    wrongType: { pointer: '/SpaceReclaimed', value: '0' },
  },
  Network: {
    valid: {
      Name: 'n',
      Id: HEX,
      Created: TIME,
      Scope: 'local',
      Driver: 'bridge',
      EnableIPv6: false,
      IPAM: { Driver: 'default', Config: [] },
      Internal: true,
      Containers: {},
      Options: {},
      Labels: {},
    },
    required: 'Driver',
    wrongType: { pointer: '/Internal', value: 'true' },
  },
  NetworkCreateResponse: {
    valid: { Id: HEX, Warning: '' },
    required: 'Id',
    wrongType: { pointer: '/Warning', value: [] },
  },
  NetworkPruneResponse: {
    valid: { NetworksDeleted: null },
    required: 'NetworksDeleted',
    wrongType: { pointer: '/NetworksDeleted', value: 'n' },
  },
  SystemInfo: {
    valid: {
      ID: 'x',
      Containers: 0,
      ContainersRunning: 0,
      ContainersPaused: 0,
      ContainersStopped: 0,
      Images: 0,
      Driver: 'overlay2',
      OSType: 'linux',
      Architecture: 'x86_64',
      NCPU: 2,
      MemTotal: 1024,
      Name: 'h',
      ServerVersion: '20.10.24',
      KernelVersion: '6',
      OperatingSystem: 'Debian',
    },
    required: 'NCPU',
    wrongType: { pointer: '/CgroupVersion', value: 1 },
  },
  SystemVersion: {
    valid: {
      Version: '20.10.24',
      ApiVersion: '1.41',
      MinAPIVersion: '1.12',
      Os: 'linux',
      Arch: 'amd64',
      Components: [{ Name: 'Engine', Version: '20.10.24' }],
    },
    required: 'ApiVersion',
    wrongType: { pointer: '/Components/0/Version', value: 20 },
  },
  EventMessage: {
    valid: {
      Type: 'container',
      Action: 'start',
      Actor: { ID: HEX, Attributes: { name: 'c' } },
      time: 1,
      timeNano: 1_000_000_000,
    },
    required: 'Actor',
    wrongType: { pointer: '/Actor/Attributes/name', value: 1 },
  },
  ExecInspect: {
    valid: {
      ID: HEX,
      Running: false,
      ExitCode: null,
      ProcessConfig: { entrypoint: 'sh', arguments: [] },
      OpenStdin: false,
      OpenStderr: true,
      OpenStdout: true,
      ContainerID: HEX,
      Pid: 0,
    },
    required: 'ContainerID',
    wrongType: { pointer: '/Running', value: 0 },
  },
  IdResponse: { valid: { Id: HEX }, required: 'Id', wrongType: { pointer: '/Id', value: 1 } },
  ErrorResponse: {
    valid: { message: 'No such container: x' },
    required: 'message',
    wrongType: { pointer: '/message', value: { text: 'x' } },
  },
  SystemDataUsageResponse: {
    valid: {
      LayersSize: 1,
      Images: [imageSummary],
      Containers: [containerSummary],
      Volumes: [volume],
      BuildCache: null,
    },
    required: 'Volumes',
    wrongType: { pointer: '/Images/0/Id', value: HEX },
  },
  SystemAuthResponse: {
    valid: { Status: 'Login Succeeded', IdentityToken: '' },
    required: 'Status',
    wrongType: { pointer: '/IdentityToken', value: null },
  },
  DistributionInspectResponse: {
    valid: {
      Descriptor: {
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        digest: ID,
        size: 522,
      },
      Platforms: [{ architecture: 'amd64', os: 'linux' }],
    },
    required: 'Descriptor',
    wrongType: { pointer: '/Descriptor/digest', value: HEX },
  },
  BuildPruneResponse: {
    valid: { CachesDeleted: null, SpaceReclaimed: 0 },
    required: 'SpaceReclaimed',
    wrongType: { pointer: '/SpaceReclaimed', value: '0' },
  },
  Plugin: {
    valid: {
      Id: HEX,
      Name: 'vieux/sshfs:latest',
      Enabled: false,
      Settings: { Mounts: [], Env: ['DEBUG=0'], Args: [], Devices: [] },
      PluginReference: 'localhost:5000/vieux/sshfs:latest',
      Config: {
        Description: 'sshFS plugin',
        Documentation: 'https://docs.docker.com/engine/extend/plugins/',
        Interface: {
          Types: [{ Prefix: 'docker', Capability: 'volumedriver', Version: '1.0' }],
          Socket: 'p.sock',
        },
        Entrypoint: ['/docker-volume-sshfs'],
        WorkDir: '',
        Network: { Type: 'host' },
        Linux: { Capabilities: ['CAP_SYS_ADMIN'], AllowAllDevices: false, Devices: null },
        PropagatedMount: '/mnt/volumes',
        IpcHost: false,
        PidHost: false,
        Mounts: [],
        Env: [{ Name: 'DEBUG', Description: 'debug', Settable: ['value'], Value: '0' }],
        Args: { Name: 'args', Description: 'arguments', Settable: null, Value: [] },
      },
    },
    required: 'Config',
    wrongType: { pointer: '/Enabled', value: 'false' },
  },
};
