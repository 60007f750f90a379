import type { Mount, PortBinding, RestartPolicy, Ulimit } from '../../../core/engines/docker-api/index.js';
import type { CreateOption } from './create-options.js';

// HostConfig options, in moby's NewTestConfig style.

export const withBinds =
  (...binds: string[]): CreateOption =>
  (s) => {
    s.hostConfig.Binds = [...(s.hostConfig.Binds ?? []), ...binds];
  };
export const withMounts =
  (...mounts: Mount[]): CreateOption =>
  (s) => {
    s.hostConfig.Mounts = [...(s.hostConfig.Mounts ?? []), ...mounts];
  };
export const withReadonlyRootfs =
  (readonly = true): CreateOption =>
  (s) => {
    s.hostConfig.ReadonlyRootfs = readonly;
  };
/** Publish `containerPort` (`8080` or `8080/udp`) on `hostIp`; an absent hostPort lets the engine pick. */
export const withPortBinding =
  (containerPort: string | number, hostIp = '127.0.0.1', hostPort?: number): CreateOption =>
  (s) => {
    const key = String(containerPort).includes('/') ? String(containerPort) : `${containerPort}/tcp`;
    const binding: PortBinding = { HostIp: hostIp, HostPort: hostPort === undefined ? '' : String(hostPort) };
    s.config.ExposedPorts = { ...(s.config.ExposedPorts ?? {}), [key]: {} };
    const current = s.hostConfig.PortBindings ?? {};
    s.hostConfig.PortBindings = { ...current, [key]: [...(current[key] ?? []), binding] };
  };
export const withRestartPolicy =
  (name: RestartPolicy['Name'], maximumRetryCount?: number): CreateOption =>
  (s) => {
    s.hostConfig.RestartPolicy =
      maximumRetryCount === undefined ? { Name: name } : { Name: name, MaximumRetryCount: maximumRetryCount };
  };
export const withAutoRemove =
  (autoRemove = true): CreateOption =>
  (s) => {
    s.hostConfig.AutoRemove = autoRemove;
  };
export const withMemory =
  (bytes: number, swapBytes?: number): CreateOption =>
  (s) => {
    s.hostConfig.Memory = bytes;
    if (swapBytes !== undefined) s.hostConfig.MemorySwap = swapBytes;
  };
export const withPidsLimit =
  (limit: number): CreateOption =>
  (s) => {
    s.hostConfig.PidsLimit = limit;
  };
export const withCpuShares =
  (shares: number): CreateOption =>
  (s) => {
    s.hostConfig.CpuShares = shares;
  };
export const withCapAdd =
  (...caps: string[]): CreateOption =>
  (s) => {
    s.hostConfig.CapAdd = [...(s.hostConfig.CapAdd ?? []), ...caps];
  };
export const withCapDrop =
  (...caps: string[]): CreateOption =>
  (s) => {
    s.hostConfig.CapDrop = [...(s.hostConfig.CapDrop ?? []), ...caps];
  };
export const withInit =
  (init = true): CreateOption =>
  (s) => {
    s.hostConfig.Init = init;
  };
export const withUlimits =
  (...ulimits: Ulimit[]): CreateOption =>
  (s) => {
    s.hostConfig.Ulimits = [...(s.hostConfig.Ulimits ?? []), ...ulimits];
  };
export const withShmSize =
  (bytes: number): CreateOption =>
  (s) => {
    s.hostConfig.ShmSize = bytes;
  };
export const withNetworkMode =
  (mode: string): CreateOption =>
  (s) => {
    s.hostConfig.NetworkMode = mode;
  };
export const withExtraHosts =
  (...hosts: string[]): CreateOption =>
  (s) => {
    s.hostConfig.ExtraHosts = [...(s.hostConfig.ExtraHosts ?? []), ...hosts];
  };
export const withDns =
  (servers: string[], search?: string[], options?: string[]): CreateOption =>
  (s) => {
    s.hostConfig.Dns = servers;
    if (search !== undefined) s.hostConfig.DnsSearch = search;
    if (options !== undefined) s.hostConfig.DnsOptions = options;
  };
export const withPrivileged =
  (privileged = true): CreateOption =>
  (s) => {
    s.hostConfig.Privileged = privileged;
  };
export const withTmpfs =
  (tmpfs: Readonly<Record<string, string>>): CreateOption =>
  (s) => {
    s.hostConfig.Tmpfs = { ...(s.hostConfig.Tmpfs ?? {}), ...tmpfs };
  };
