import type { ContainerConfig, HostConfig } from '../../../core/engines/docker-api/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What POST /containers/create receives, built up by options (moby's TestContainerConfig). Lifecycle:
 * `createContainer` makes a spec with the suite image and a unique name, applies each option in order,
 * then sends `{...config, HostConfig: hostConfig}` with `?name=`.
 */
export interface ContainerSpec {
  name: string;
  config: Mutable<ContainerConfig>;
  hostConfig: Mutable<HostConfig>;
}

/** One functional option: edits the spec in place. */
export type CreateOption = (spec: ContainerSpec) => void;

const addLabels = (spec: ContainerSpec, labels: Readonly<Record<string, string>>) => {
  spec.config.Labels = { ...(spec.config.Labels ?? {}), ...labels };
};

export const withName =
  (name: string): CreateOption =>
  (s) => {
    s.name = name;
  };
/** The probe subcommand and its arguments (the image's Entrypoint is /bin/probe). */
export const withCmd =
  (...cmd: string[]): CreateOption =>
  (s) => {
    s.config.Cmd = cmd;
  };
export const withEntrypoint =
  (...entrypoint: string[]): CreateOption =>
  (s) => {
    s.config.Entrypoint = entrypoint;
  };
export const withEnv =
  (...env: string[]): CreateOption =>
  (s) => {
    s.config.Env = [...(s.config.Env ?? []), ...env];
  };
export const withUser =
  (user: string): CreateOption =>
  (s) => {
    s.config.User = user;
  };
export const withWorkingDir =
  (dir: string): CreateOption =>
  (s) => {
    s.config.WorkingDir = dir;
  };
export const withHostname =
  (hostname: string, domainname?: string): CreateOption =>
  (s) => {
    s.config.Hostname = hostname;
    if (domainname !== undefined) s.config.Domainname = domainname;
  };
export const withLabels =
  (labels: Readonly<Record<string, string>>): CreateOption =>
  (s) =>
    addLabels(s, labels);
export const withTty =
  (tty = true): CreateOption =>
  (s) => {
    s.config.Tty = tty;
  };
/** OpenStdin plus AttachStdin/StdinOnce as `docker run -i` sets them. */
export const withOpenStdin =
  (stdinOnce = true): CreateOption =>
  (s) => {
    s.config.OpenStdin = true;
    s.config.AttachStdin = true;
    s.config.StdinOnce = stdinOnce;
  };
export const withStopSignal =
  (signal: string): CreateOption =>
  (s) => {
    s.config.StopSignal = signal;
  };
export const withStopTimeout =
  (seconds: number): CreateOption =>
  (s) => {
    s.config.StopTimeout = seconds;
  };
export const withExposedPorts =
  (...ports: string[]): CreateOption =>
  (s) => {
    const exposed = { ...(s.config.ExposedPorts ?? {}) };
    for (const port of ports) exposed[port] = {};
    s.config.ExposedPorts = exposed;
  };
/** Any other Config field. */
export const withConfig =
  (patch: Partial<ContainerConfig>): CreateOption =>
  (s) => {
    Object.assign(s.config, patch);
  };
/** Any other HostConfig field. */
export const withHostConfig =
  (patch: Partial<HostConfig>): CreateOption =>
  (s) => {
    Object.assign(s.hostConfig, patch);
  };
