import { createHash } from 'node:crypto';
import type { EndpointSettings, NetworkSettingsJSON } from '../daemon/wire/containers.js';
import { networkName } from './list-filters.js';
import type { ContainerRecord } from './types.js';
import { isRunning } from './types.js';

function endpoint(networkId: string, endpointId: string): EndpointSettings {
  return {
    IPAMConfig: null,
    Links: null,
    Aliases: null,
    NetworkID: networkId,
    EndpointID: endpointId,
    Gateway: '',
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    MacAddress: '',
    DriverOpts: null,
  };
}

/**
 * Networks as dockerd shows them for none/host (and for the default bridge, which shipd runs as a
 * private namespace with loopback only: no address). IDs are filled while the container runs.
 */
export function networksOf(
  record: ContainerRecord,
  networkId: (name: string) => string,
): Record<string, EndpointSettings> {
  const mode = record.hostConfig.NetworkMode ?? 'default';
  if (mode.startsWith('container:')) return {};
  const name = networkName(mode);
  const live = isRunning(record.state.status);
  const id = live ? networkId(name) : '';
  const ep = live ? createHash('sha256').update(`${id}:${record.id}`).digest('hex') : '';
  return { [name]: endpoint(id, ep) };
}

export function networkSettings(
  record: ContainerRecord,
  networkId: (name: string) => string,
): NetworkSettingsJSON {
  const live = isRunning(record.state.status);
  const mode = record.hostConfig.NetworkMode ?? 'default';
  const sandbox =
    live && !mode.startsWith('container:')
      ? createHash('sha256').update(`sandbox:${record.id}`).digest('hex')
      : '';
  return {
    Bridge: '',
    SandboxID: sandbox,
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    Ports: {},
    SandboxKey: live && record.state.pid > 0 && mode !== 'host' ? `/proc/${record.state.pid}/ns/net` : '',
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: '',
    Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: '',
    IPPrefixLen: 0,
    IPv6Gateway: '',
    MacAddress: '',
    Networks: networksOf(record, networkId),
  };
}
