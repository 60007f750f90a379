import type { ContainerConfig, ContainerJSON, HostConfig } from '../daemon/wire/containers.js';
import { type Ctx, logFile, rootfsDir } from './context.js';
import { networkSettings } from './network-settings.js';
import type { ContainerRecord } from './types.js';

/** Config as dockerd prints it: every field present, absent lists as null. */
export function configJSON(c: ContainerConfig): ContainerConfig {
  return {
    Hostname: c.Hostname ?? '',
    Domainname: c.Domainname ?? '',
    User: c.User ?? '',
    AttachStdin: c.AttachStdin ?? false,
    AttachStdout: c.AttachStdout ?? false,
    AttachStderr: c.AttachStderr ?? false,
    ...(c.ExposedPorts && Object.keys(c.ExposedPorts).length > 0 ? { ExposedPorts: c.ExposedPorts } : {}),
    Tty: c.Tty ?? false,
    OpenStdin: c.OpenStdin ?? false,
    StdinOnce: c.StdinOnce ?? false,
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
    ...(c.ArgsEscaped ? { ArgsEscaped: true } : {}),
    Image: c.Image ?? '',
    Volumes: c.Volumes && Object.keys(c.Volumes).length > 0 ? c.Volumes : null,
    WorkingDir: c.WorkingDir ?? '',
    Entrypoint: c.Entrypoint ?? null,
    ...(c.NetworkDisabled ? { NetworkDisabled: true } : {}),
    ...(c.MacAddress ? { MacAddress: c.MacAddress } : {}),
    OnBuild: c.OnBuild ?? null,
    Labels: c.Labels ?? {},
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
    ...(c.StopTimeout !== undefined && c.StopTimeout !== null ? { StopTimeout: c.StopTimeout } : {}),
    ...(c.Shell ? { Shell: c.Shell } : {}),
  };
}

/** HostConfig as dockerd prints it: the stored one over the zero values of every field. */
export function hostConfigJSON(h: HostConfig): HostConfig {
  return { ...HOST_CONFIG_ZERO, ...h };
}

/** The HostConfig dockerd 20.10 shows for a create that set nothing (API defaults, not the CLI's). */
const HOST_CONFIG_ZERO: HostConfig = {
  Binds: null,
  ContainerIDFile: '',
  LogConfig: { Type: 'json-file', Config: {} },
  NetworkMode: 'default',
  PortBindings: null,
  RestartPolicy: { Name: '', MaximumRetryCount: 0 },
  AutoRemove: false,
  VolumeDriver: '',
  VolumesFrom: null,
  CapAdd: null,
  CapDrop: null,
  CgroupnsMode: 'host',
  Dns: null,
  DnsOptions: null,
  DnsSearch: null,
  ExtraHosts: null,
  GroupAdd: null,
  IpcMode: 'private',
  Cgroup: '',
  Links: null,
  OomScoreAdj: 0,
  PidMode: '',
  Privileged: false,
  PublishAllPorts: false,
  ReadonlyRootfs: false,
  SecurityOpt: null,
  UTSMode: '',
  UsernsMode: '',
  ShmSize: 67108864,
  Runtime: 'runc',
  ConsoleSize: [0, 0],
  Isolation: '',
  CpuShares: 0,
  Memory: 0,
  NanoCpus: 0,
  CgroupParent: '',
  BlkioWeight: 0,
  BlkioWeightDevice: null,
  BlkioDeviceReadBps: null,
  BlkioDeviceWriteBps: null,
  BlkioDeviceReadIOps: null,
  BlkioDeviceWriteIOps: null,
  CpuPeriod: 0,
  CpuQuota: 0,
  CpuRealtimePeriod: 0,
  CpuRealtimeRuntime: 0,
  CpusetCpus: '',
  CpusetMems: '',
  Devices: null,
  DeviceCgroupRules: null,
  DeviceRequests: null,
  KernelMemory: 0,
  KernelMemoryTCP: 0,
  MemoryReservation: 0,
  MemorySwap: 0,
  MemorySwappiness: null,
  OomKillDisable: false,
  PidsLimit: null,
  Ulimits: null,
  CpuCount: 0,
  CpuPercent: 0,
  IOMaximumIOps: 0,
  IOMaximumBandwidth: 0,
  MaskedPaths: null,
  ReadonlyPaths: null,
};

/** GET /containers/{id}/json. */
export async function inspectContainer(
  ctx: Ctx,
  record: ContainerRecord,
  size: boolean,
): Promise<ContainerJSON> {
  const s = record.state;
  const status = record.removing ? 'removing' : s.status;
  const running = status === 'running' || status === 'paused' || status === 'restarting';
  const out: ContainerJSON = {
    Id: record.id,
    Created: record.created,
    Path: record.path,
    Args: record.args,
    State: {
      Status: status,
      Running: running,
      Paused: status === 'paused',
      Restarting: status === 'restarting',
      OOMKilled: s.oomKilled,
      Dead: status === 'dead',
      Pid: running ? s.pid : 0,
      ExitCode: s.exitCode,
      Error: s.error,
      StartedAt: s.startedAt,
      FinishedAt: s.finishedAt,
      ...(s.health && { Health: s.health }),
    },
    Image: record.image,
    ResolvConfPath: record.resolvConfPath,
    HostnamePath: record.hostnamePath,
    HostsPath: record.hostsPath,
    LogPath: logFile(ctx, record.id),
    Name: record.name,
    RestartCount: record.restartCount,
    Driver: record.driver,
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: hostConfigJSON(record.hostConfig),
    GraphDriver: { Name: record.driver, Data: await graphData(ctx, record) },
    Mounts: record.mounts,
    Config: configJSON(record.config),
    NetworkSettings: networkSettings(record, ctx.opts.networkId ?? (() => '')),
  };
  if (size) Object.assign(out, await sizesOf(ctx, record));
  return out;
}

/** SizeRw (the container's own layer) and SizeRootFs (plus the image's layers). */
export async function sizesOf(
  ctx: Ctx,
  record: ContainerRecord,
): Promise<{ SizeRw: number; SizeRootFs: number }> {
  const rw = await ctx.opts.driver.usage(record.snapshotKey).then(
    (u) => u.size,
    () => 0,
  );
  const image = (() => {
    try {
      return ctx.opts.images.resolve(record.image).layers.reduce((n, l) => n + l.size, 0);
    } catch {
      return 0;
    }
  })();
  return { SizeRw: rw, SizeRootFs: rw + image };
}

/** GraphDriver.Data as overlay2 shows it (LowerDir, MergedDir, UpperDir, WorkDir), from the snapshot's mounts. */
async function graphData(ctx: Ctx, record: ContainerRecord): Promise<Record<string, string> | null> {
  const mounts = await ctx.opts.driver.mounts(record.snapshotKey).catch(() => []);
  const overlay = mounts.find((m) => m.type === 'overlay');
  if (!overlay) return null;
  const opt = (name: string) => overlay.options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
  const data: Record<string, string> = { MergedDir: rootfsDir(ctx, record.id) };
  for (const [key, name] of [
    ['LowerDir', 'lowerdir'],
    ['UpperDir', 'upperdir'],
    ['WorkDir', 'workdir'],
  ] as const) {
    const v = opt(name);
    if (v !== undefined) data[key] = v;
  }
  return data;
}
