import type { UpdateRequest } from '../../containers/types.js';
import { InvalidArgument } from '../../errors.js';
import type { ContainerCreateBody } from '../wire/containers.js';

type Kind =
  | 'string'
  | 'strings'
  | 'strslice'
  | 'bool'
  | 'int'
  | 'map'
  | 'object'
  | 'objects'
  | 'ints'
  | 'set';

const isMapOfStrings = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string');

const OK: Record<Kind, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  strings: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  // moby's strslice.StrSlice (Cmd, Entrypoint, Shell): a list of strings, or one string for a list of one.
  strslice: (v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
  bool: (v) => typeof v === 'boolean',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  map: isMapOfStrings,
  object: (v) => typeof v === 'object' && !Array.isArray(v),
  objects: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)),
  ints: (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x)),
  // A Go map[string]struct{} (ExposedPorts, Volumes): each value an object, or null.
  set: (v) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((x) => x === null || (typeof x === 'object' && !Array.isArray(x))),
};

const CONFIG: Record<string, Kind> = {
  Hostname: 'string',
  Domainname: 'string',
  User: 'string',
  AttachStdin: 'bool',
  AttachStdout: 'bool',
  AttachStderr: 'bool',
  ExposedPorts: 'set',
  Tty: 'bool',
  OpenStdin: 'bool',
  StdinOnce: 'bool',
  Env: 'strings',
  Cmd: 'strslice',
  Healthcheck: 'object',
  ArgsEscaped: 'bool',
  Image: 'string',
  Volumes: 'set',
  WorkingDir: 'string',
  Entrypoint: 'strslice',
  NetworkDisabled: 'bool',
  MacAddress: 'string',
  OnBuild: 'strings',
  Labels: 'map',
  StopSignal: 'string',
  StopTimeout: 'int',
  Shell: 'strslice',
  HostConfig: 'object',
  NetworkingConfig: 'object',
};

const RESOURCES: Record<string, Kind> = {
  CpuShares: 'int',
  Memory: 'int',
  CgroupParent: 'string',
  BlkioWeight: 'int',
  CpuPeriod: 'int',
  CpuQuota: 'int',
  CpuRealtimePeriod: 'int',
  CpuRealtimeRuntime: 'int',
  CpusetCpus: 'string',
  CpusetMems: 'string',
  Devices: 'objects',
  DeviceCgroupRules: 'strings',
  KernelMemory: 'int',
  KernelMemoryTCP: 'int',
  MemoryReservation: 'int',
  MemorySwap: 'int',
  MemorySwappiness: 'int',
  NanoCpus: 'int',
  OomKillDisable: 'bool',
  Init: 'bool',
  PidsLimit: 'int',
  Ulimits: 'objects',
  RestartPolicy: 'object',
};

const HOST: Record<string, Kind> = {
  ...RESOURCES,
  Binds: 'strings',
  ContainerIDFile: 'string',
  LogConfig: 'object',
  NetworkMode: 'string',
  PortBindings: 'object',
  AutoRemove: 'bool',
  VolumeDriver: 'string',
  VolumesFrom: 'strings',
  Mounts: 'objects',
  CapAdd: 'strings',
  CapDrop: 'strings',
  CgroupnsMode: 'string',
  Dns: 'strings',
  DnsOptions: 'strings',
  DnsSearch: 'strings',
  ExtraHosts: 'strings',
  GroupAdd: 'strings',
  IpcMode: 'string',
  Cgroup: 'string',
  Links: 'strings',
  OomScoreAdj: 'int',
  PidMode: 'string',
  Privileged: 'bool',
  PublishAllPorts: 'bool',
  ReadonlyRootfs: 'bool',
  SecurityOpt: 'strings',
  StorageOpt: 'map',
  Tmpfs: 'map',
  UTSMode: 'string',
  UsernsMode: 'string',
  ShmSize: 'int',
  Sysctls: 'map',
  Runtime: 'string',
  ConsoleSize: 'ints',
  Isolation: 'string',
  MaskedPaths: 'strings',
  ReadonlyPaths: 'strings',
};

const MOUNT: Record<string, Kind> = {
  Target: 'string',
  Source: 'string',
  Type: 'string',
  ReadOnly: 'bool',
  Consistency: 'string',
  BindOptions: 'object',
  VolumeOptions: 'object',
  TmpfsOptions: 'object',
};

const KIND_NAMES: Partial<Record<Kind, string>> = {
  strings: 'list of strings',
  strslice: 'string or list of strings',
  set: 'object of objects',
};

/** Checks the fields shipd reads for their JSON types (null counts as absent); a wrong type is a 400. */
function checkFields(where: string, value: Record<string, unknown>, fields: Record<string, Kind>): void {
  for (const [key, kind] of Object.entries(fields)) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (!OK[kind](v))
      throw new InvalidArgument(`${where}${key}: wrong type (${KIND_NAMES[kind] ?? kind} expected)`);
  }
}

function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidArgument(`${what} must be a JSON object`);
  return body as Record<string, unknown>;
}

const STRSLICES = Object.keys(CONFIG).filter((k) => CONFIG[k] === 'strslice');

/** The body of POST /containers/create (and of a commit), type-checked; a string Cmd, Entrypoint or Shell becomes a list of one. */
export function checkCreateBody(body: unknown): ContainerCreateBody {
  if (body === undefined || body === null)
    throw new InvalidArgument('Config cannot be empty in order to create a container');
  let b = asObject(body, 'the create body');
  checkFields('', b, CONFIG);
  for (const key of STRSLICES) if (typeof b[key] === 'string') b = { ...b, [key]: [b[key]] }; // dockerd: "ls -l" is ["ls -l"]
  const health = b.Healthcheck as Record<string, unknown> | undefined | null;
  if (health) {
    const durations = { Interval: 'int', Timeout: 'int', StartPeriod: 'int' } as const;
    checkFields('Healthcheck.', health, { Test: 'strings', Retries: 'int', ...durations });
  }
  const endpoints = (b.NetworkingConfig as Record<string, unknown> | undefined | null)?.EndpointsConfig;
  if (endpoints !== undefined && endpoints !== null && !OK.set(endpoints))
    throw new InvalidArgument('NetworkingConfig.EndpointsConfig: wrong type (object of objects expected)');
  const host = b.HostConfig as Record<string, unknown> | undefined | null;
  if (host) {
    checkFields('HostConfig.', host, HOST);
    checkPortBindings(host.PortBindings);
    for (const m of (host.Mounts as Record<string, unknown>[] | undefined) ?? [])
      checkFields('HostConfig.Mounts[].', m, MOUNT);
    for (const u of (host.Ulimits as Record<string, unknown>[] | undefined) ?? [])
      checkFields('HostConfig.Ulimits[].', u, { Name: 'string', Soft: 'int', Hard: 'int' });
    const rp = host.RestartPolicy as Record<string, unknown> | undefined;
    if (rp) checkFields('HostConfig.RestartPolicy.', rp, { Name: 'string', MaximumRetryCount: 'int' });
    for (const d of (host.Devices as Record<string, unknown>[] | undefined) ?? [])
      checkFields('HostConfig.Devices[].', d, {
        PathOnHost: 'string',
        PathInContainer: 'string',
        CgroupPermissions: 'string',
      });
    for (const m of (host.Mounts as Record<string, unknown>[] | undefined) ?? []) {
      const sub = (key: string, fields: Record<string, Kind>) => {
        const v = m[key] as Record<string, unknown> | undefined | null;
        if (v) checkFields(`HostConfig.Mounts[].${key}.`, v, fields);
      };
      sub('BindOptions', { Propagation: 'string', NonRecursive: 'bool' });
      sub('VolumeOptions', { NoCopy: 'bool', Labels: 'map', DriverConfig: 'object' });
      sub('TmpfsOptions', { SizeBytes: 'int', Mode: 'int' });
    }
    const log = host.LogConfig as Record<string, unknown> | undefined | null;
    if (log) checkFields('HostConfig.LogConfig.', log, { Type: 'string', Config: 'map' });
  }
  return b as ContainerCreateBody;
}

/** HostConfig.PortBindings: `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}` (a list may be null). */
function checkPortBindings(bindings: unknown): void {
  if (bindings === undefined || bindings === null) return;
  for (const [port, list] of Object.entries(bindings as Record<string, unknown>)) {
    if (list === null) continue;
    if (!OK.objects(list))
      throw new InvalidArgument(`HostConfig.PortBindings[${port}]: wrong type (list of objects expected)`);
    for (const b of list as Record<string, unknown>[])
      checkFields(`HostConfig.PortBindings[${port}][].`, b, { HostIp: 'string', HostPort: 'string' });
  }
}

/** The body of POST /containers/{id}/update, type-checked. */
export function checkUpdateBody(body: unknown): UpdateRequest {
  const b = asObject(body ?? {}, 'the update body');
  checkFields('', b, RESOURCES);
  const rp = b.RestartPolicy as Record<string, unknown> | undefined;
  if (rp) checkFields('RestartPolicy.', rp, { Name: 'string', MaximumRetryCount: 'int' });
  return b as UpdateRequest;
}
