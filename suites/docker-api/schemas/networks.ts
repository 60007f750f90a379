import { arr, bool, map, nullable, obj, str, strArr, strMap, timestamp } from './build.js';

/** swagger IPAM: Config is a list of string maps (Subnet, IPRange, Gateway, AuxAddress). */
const IPAM = obj({
  Driver: str(),
  Config: nullable(arr(map(nullable(str())))),
  Options: nullable(strMap()),
});

/** swagger NetworkContainer: one endpoint in a network's Containers map. */
const NetworkContainer = obj({
  Name: str(),
  EndpointID: str(),
  MacAddress: str(),
  IPv4Address: str(),
  IPv6Address: str(),
});

/**
 * GET /networks/{id} and items of GET /networks (swagger Network). The swagger marks nothing required;
 * dockerd always sends the fields in `alwaysSent`.
 */
export const Network = obj(
  {
    Name: str({ minLength: 1 }),
    Id: str({ pattern: '^[0-9a-f]{64}$' }),
    Created: timestamp(),
    Scope: str({ enum: ['local', 'global', 'swarm'] }),
    Driver: str({ minLength: 1 }),
    EnableIPv6: bool(),
    IPAM,
    Internal: bool(),
    Attachable: bool(),
    Ingress: bool(),
    Containers: map(NetworkContainer),
    Options: nullable(strMap()),
    Labels: nullable(strMap()),
  },
  [],
  [
    'Name',
    'Id',
    'Created',
    'Scope',
    'Driver',
    'EnableIPv6',
    'IPAM',
    'Internal',
    'Containers',
    'Options',
    'Labels',
  ],
);

/** POST /networks/create (201): Id and Warning. */
export const NetworkCreateResponse = obj(
  { Id: str({ pattern: '^[0-9a-f]{64}$' }), Warning: str() },
  [],
  ['Id'],
);

/** POST /networks/prune. dockerd sends `NetworksDeleted: null` when none went. */
export const NetworkPruneResponse = obj({ NetworksDeleted: nullable(strArr()) }, [], ['NetworksDeleted']);
