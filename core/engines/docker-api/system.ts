import type { SystemInfo, SystemVersion } from '../../../spec/docker-api/system.js';
import type { CallOptions } from './call-options.js';
import type { DockerApiCore } from './core.js';

/** What GET /_ping says: the body and the headers engines use for negotiation. */
export interface PingResult {
  readonly ok: boolean;
  readonly status: number;
  readonly body: string;
  readonly apiVersion?: string;
  readonly osType?: string;
  readonly experimental?: boolean;
  readonly builderVersion?: string;
}

export async function ping(core: DockerApiCore, opts: CallOptions = {}): Promise<PingResult> {
  const res = await core.raw('GET', '/_ping', { ...opts, versioned: false });
  const experimental = res.header('docker-experimental');
  return {
    ok: res.status === 200,
    status: res.status,
    body: res.text(),
    apiVersion: res.header('api-version'),
    osType: res.header('ostype'),
    experimental: experimental === undefined ? undefined : experimental === 'true',
    builderVersion: res.header('builder-version') || undefined,
  };
}

export const version = (core: DockerApiCore, opts: CallOptions = {}): Promise<SystemVersion> =>
  core.json<SystemVersion>('GET', '/version', opts);

export const info = (core: DockerApiCore, opts: CallOptions = {}): Promise<SystemInfo> =>
  core.json<SystemInfo>('GET', '/info', opts);
