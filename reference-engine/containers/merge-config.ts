import { hostname } from 'node:os';
import { posix } from 'node:path';
import type { ContainerConfig, ContainerCreateBody } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import { mergeImageEnv } from './oci/env.js';

/** The image's config fields a container inherits (the image config's `config` object). */
export interface ImageDefaults {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  ExposedPorts?: Record<string, Record<string, never>> | null;
  ArgsEscaped?: boolean;
  Healthcheck?: ContainerConfig['Healthcheck'];
  OnBuild?: string[] | null;
  Shell?: string[] | null;
}

const nonEmpty = <T>(a: T[] | null | undefined): a is T[] => Array.isArray(a) && a.length > 0;

/**
 * dockerd's merge of a create request with the image config: the request wins, Env and Labels are
 * merged key by key, Cmd comes from the image only when the request has neither Cmd nor Entrypoint.
 * Hostname defaults to the short id (the host's name with the host network).
 */
export function mergeConfig(body: ContainerCreateBody, image: ImageDefaults, id: string): ContainerConfig {
  const { HostConfig: host, NetworkingConfig: _net, ...requested } = body;
  const c: ContainerConfig = { ...requested };
  if (!c.User) c.User = image.User ?? '';
  c.Env = mergeImageEnv(c.Env, image.Env);
  c.Labels = { ...(image.Labels ?? {}), ...(c.Labels ?? {}) };
  if (!nonEmpty(c.Entrypoint)) {
    if (!nonEmpty(c.Cmd)) {
      c.Cmd = image.Cmd ?? null;
      if (image.ArgsEscaped !== undefined) c.ArgsEscaped = image.ArgsEscaped;
    }
    if (c.Entrypoint === undefined || c.Entrypoint === null) c.Entrypoint = image.Entrypoint ?? null;
  }
  if (!c.WorkingDir) c.WorkingDir = image.WorkingDir ?? '';
  if (!c.StopSignal && image.StopSignal) c.StopSignal = image.StopSignal;
  if (image.Volumes) c.Volumes = { ...image.Volumes, ...(c.Volumes ?? {}) };
  if (image.ExposedPorts) c.ExposedPorts = { ...image.ExposedPorts, ...(c.ExposedPorts ?? {}) };
  c.Healthcheck = omitZeroFields(mergeHealthcheck(c.Healthcheck, image.Healthcheck));
  if (c.OnBuild === undefined) c.OnBuild = image.OnBuild ?? null;
  if (!c.Hostname) c.Hostname = host?.NetworkMode === 'host' ? hostname() : id.slice(0, 12);
  c.Domainname ??= '';
  c.Cmd ??= null;
  c.Entrypoint ??= null;
  // dockerd resets an Entrypoint of [""] (`docker run --entrypoint ""`): Cmd alone is the command.
  if (c.Entrypoint?.length === 1 && c.Entrypoint[0] === '') c.Entrypoint = null;
  if (!nonEmpty(c.Entrypoint) && !nonEmpty(c.Cmd)) throw new InvalidArgument('No command specified');
  if (c.WorkingDir && !posix.isAbsolute(c.WorkingDir))
    throw new InvalidArgument(
      `the working directory '${c.WorkingDir}' is invalid, it needs to be an absolute path`,
    );
  // Go's filepath.Clean: `/a/../b/` is `/b` (no trailing slash but for `/`).
  if (c.WorkingDir) c.WorkingDir = posix.normalize(c.WorkingDir).replace(/(.)\/+$/, '$1');
  return c;
}

/** dockerd's merge of Healthcheck: the image's when the request has none, else field by field (zero = unset). */
function mergeHealthcheck(
  own: ContainerConfig['Healthcheck'],
  image: ContainerConfig['Healthcheck'],
): ContainerConfig['Healthcheck'] {
  if (!own) return image;
  if (!image) return own;
  const out = { ...own };
  if (!out.Test?.length && image.Test) out.Test = image.Test;
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'Retries'] as const)
    if (!out[k] && image[k] !== undefined) out[k] = image[k];
  return out;
}

/** Go's `omitempty` on HealthConfig: dockerd stores and shows no empty Test and no zero duration or Retries. */
function omitZeroFields(hc: ContainerConfig['Healthcheck']): ContainerConfig['Healthcheck'] {
  if (!hc) return hc;
  const out = { ...hc };
  if (out.Test?.length === 0) delete out.Test;
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'Retries'] as const) if (out[k] === 0) delete out[k];
  return out;
}
