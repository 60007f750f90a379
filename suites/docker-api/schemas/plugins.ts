import type { SchemaObject } from 'ajv/dist/2020.js';
import { arr, bool, int, nullable, obj, str, strArr } from './build.js';

// swagger Plugin and its parts (GET /plugins, GET /plugins/{name}/json).

/** swagger PluginMount: every field required. */
const PluginMount = obj(
  {
    Name: str(),
    Description: str(),
    Settable: nullable(strArr()),
    Source: str(),
    Destination: str(),
    Type: str(),
    Options: nullable(strArr()),
  },
  ['Name', 'Description', 'Settable', 'Source', 'Destination', 'Type', 'Options'],
);

/** swagger PluginDevice: every field required. */
const PluginDevice = obj({ Name: str(), Description: str(), Settable: nullable(strArr()), Path: str() }, [
  'Name',
  'Description',
  'Settable',
  'Path',
]);

/** swagger PluginEnv: every field required. */
const PluginEnv = obj({ Name: str(), Description: str(), Settable: nullable(strArr()), Value: str() }, [
  'Name',
  'Description',
  'Settable',
  'Value',
]);

const PluginInterfaceType = obj({ Prefix: str(), Capability: str(), Version: str() }, [
  'Prefix',
  'Capability',
  'Version',
]);

const PluginConfig = obj(
  {
    DockerVersion: str(),
    Description: str(),
    Documentation: str(),
    Interface: obj(
      {
        Types: arr(PluginInterfaceType),
        Socket: str(),
        ProtocolScheme: str({ enum: ['', 'moby.plugins.http/v1'] }),
      },
      ['Types', 'Socket'],
    ),
    Entrypoint: strArr(),
    WorkDir: str(),
    User: obj({ UID: int({ minimum: 0 }), GID: int({ minimum: 0 }) }),
    Network: obj({ Type: str() }, ['Type']),
    Linux: obj(
      { Capabilities: nullable(strArr()), AllowAllDevices: bool(), Devices: nullable(arr(PluginDevice)) },
      ['Capabilities', 'AllowAllDevices', 'Devices'],
    ),
    PropagatedMount: str(),
    IpcHost: bool(),
    PidHost: bool(),
    Mounts: arr(PluginMount),
    Env: arr(PluginEnv),
    Args: obj({ Name: str(), Description: str(), Settable: nullable(strArr()), Value: nullable(strArr()) }, [
      'Name',
      'Description',
      'Settable',
      'Value',
    ]),
    rootfs: obj({ type: str(), diff_ids: strArr() }),
  },
  [
    'Description',
    'Documentation',
    'Interface',
    'Entrypoint',
    'WorkDir',
    'Network',
    'Linux',
    'PidHost',
    'PropagatedMount',
    'IpcHost',
    'Mounts',
    'Env',
    'Args',
  ],
);

/** swagger Plugin: Settings, Enabled, Config and Name required. */
export const Plugin: SchemaObject = obj(
  {
    Id: str(),
    Name: str({ minLength: 1 }),
    Enabled: bool(),
    Settings: obj({ Mounts: arr(PluginMount), Env: strArr(), Args: strArr(), Devices: arr(PluginDevice) }, [
      'Args',
      'Devices',
      'Env',
      'Mounts',
    ]),
    PluginReference: str(),
    Config: PluginConfig,
  },
  ['Settings', 'Enabled', 'Config', 'Name'],
);
