import { createHash } from 'node:crypto';
import type { ContainerRecord } from '../../containers/types.js';

/** A Network as the Engine API shows it (the subset shipd fills). */
export interface NetworkWire {
  Name: string;
  Id: string;
  Created: string;
  Scope: 'local';
  Driver: string;
  EnableIPv6: boolean;
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: unknown[] };
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkEndpoint>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

interface NetworkEndpoint {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/** The networks shipd has: `none` (driver null) and `host`, as dockerd predefines them. No bridge yet. */
export const BUILTIN = [
  { name: 'none', driver: 'null' },
  { name: 'host', driver: 'host' },
] as const;

/** A network's ID: 64 hex, stable for one engine (derived from its engine ID and the name). */
export const networkId = (engineId: string, name: string): string =>
  createHash('sha256').update(`shipd-network:${engineId}:${name}`).digest('hex');

/** The network with its running containers as endpoints (dockerd lists only running ones). */
export function networkOf(
  engineId: string,
  created: string,
  builtin: (typeof BUILTIN)[number],
  containers: readonly ContainerRecord[],
): NetworkWire {
  const id = networkId(engineId, builtin.name);
  const endpoints: Record<string, NetworkEndpoint> = {};
  for (const c of containers) {
    if (
      c.hostConfig.NetworkMode !== builtin.name ||
      !['running', 'paused', 'restarting'].includes(c.state.status)
    )
      continue;
    endpoints[c.id] = {
      Name: c.name.replace(/^\//, ''),
      EndpointID: createHash('sha256').update(`${id}:${c.id}`).digest('hex'),
      MacAddress: '',
      IPv4Address: '',
      IPv6Address: '',
    };
  }
  return {
    Name: builtin.name,
    Id: id,
    Created: created,
    Scope: 'local',
    Driver: builtin.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: endpoints,
    Options: {},
    Labels: {},
  };
}
