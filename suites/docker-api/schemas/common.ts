import type { SchemaObject } from 'ajv/dist/2020.js';
import { anyObj, arr, bool, int, map, nullable, obj, str, strArr, strMap } from './build.js';

/** swagger ErrorResponse: `message` required. */
export const ErrorResponse = obj({ message: str() }, ['message']);

/** swagger IdResponse: `Id` required. */
export const IdResponse = obj({ Id: str({ minLength: 1 }) }, ['Id']);

/** swagger GraphDriverData: Name and Data required, Data a string map. */
export const GraphDriverData = obj({ Name: str(), Data: nullable(strMap()) }, ['Name', 'Data']);

/** swagger HealthConfig (the test command and intervals in nanoseconds). */
const HealthConfig = obj({
  Test: strArr(),
  Interval: int(),
  Timeout: int(),
  Retries: int(),
  StartPeriod: int(),
});

/**
 * swagger ContainerConfig (image config and container config). Arrays, Volumes, Labels and
 * ExposedPorts are nullable: dockerd sends null for each that is unset.
 */
export const ContainerConfig: SchemaObject = obj({
  Hostname: str(),
  Domainname: str(),
  User: str(),
  AttachStdin: bool(),
  AttachStdout: bool(),
  AttachStderr: bool(),
  ExposedPorts: nullable(map(anyObj())),
  Tty: bool(),
  OpenStdin: bool(),
  StdinOnce: bool(),
  Env: nullable(strArr()),
  Cmd: nullable(strArr()),
  Healthcheck: HealthConfig,
  ArgsEscaped: bool(),
  Image: str(),
  Volumes: nullable(map(anyObj())),
  WorkingDir: str(),
  Entrypoint: nullable(strArr()),
  NetworkDisabled: bool(),
  MacAddress: str(),
  OnBuild: nullable(strArr()),
  Labels: nullable(strMap()),
  StopSignal: str(),
  StopTimeout: nullable(int()),
  Shell: nullable(strArr()),
});

/** swagger Port: PrivatePort and Type required; Type one of tcp, udp, sctp. */
export const Port = obj(
  {
    IP: str(),
    PrivatePort: int({ minimum: 0, maximum: 65535 }),
    PublicPort: int(),
    Type: str({ enum: ['tcp', 'udp', 'sctp'] }),
  },
  ['PrivatePort', 'Type'],
);

/** swagger MountPoint (a mount as inspect and list show it). */
export const MountPoint = obj({
  Type: str(),
  Name: str(),
  Source: str(),
  Destination: str(),
  Driver: str(),
  Mode: str(),
  RW: bool(),
  Propagation: str(),
});

/** swagger EndpointSettings (one network of a container); IPAMConfig, Links, Aliases, DriverOpts are null when unset. */
export const EndpointSettings = obj({
  IPAMConfig: nullable(obj({ IPv4Address: str(), IPv6Address: str(), LinkLocalIPs: nullable(strArr()) })),
  Links: nullable(strArr()),
  Aliases: nullable(strArr()),
  NetworkID: str(),
  EndpointID: str(),
  Gateway: str(),
  IPAddress: str(),
  IPPrefixLen: int(),
  IPv6Gateway: str(),
  GlobalIPv6Address: str(),
  GlobalIPv6PrefixLen: int(),
  MacAddress: str(),
  DriverOpts: nullable(strMap()),
});

/** A port map: `"80/tcp"` -> null or a list of host bindings. */
export const PortMap = map(nullable(arr(obj({ HostIp: str(), HostPort: str() }))));
