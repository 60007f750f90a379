// The docker-api suite's requirement table: one row per operationId of the Engine API swagger v1.41.

/** OPERATION: an operation the suite covers. EXCLUDED: out of scope (swarm mode, plugins, the internet). */
export type OperationLevel = 'OPERATION' | 'EXCLUDED';

export type OperationArea =
  | 'containers'
  | 'exec'
  | 'images'
  | 'build'
  | 'system'
  | 'volumes'
  | 'networks'
  | 'distribution'
  | 'session'
  | 'plugins'
  | 'swarm'
  | 'nodes'
  | 'services'
  | 'tasks'
  | 'secrets'
  | 'configs';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/**
 * One swagger operation. Lifecycle: static data; the harness loads the compiled table
 * (dist/suites/docker-api/requirements.js) to count, per level, the rows named by the `requirements`
 * of tests that ran; requirements-table.unit.test.ts keeps it in step with the swagger and the tests.
 */
export interface OperationRequirement {
  /** `docker-api:<operationId>`, the id tests name in `requirements`. */
  readonly id: string;
  readonly level: OperationLevel;
  readonly area: OperationArea;
  readonly method: HttpMethod;
  /** The swagger path template, without the `/v1.41` prefix. */
  readonly path: string;
  /** Why an EXCLUDED row is out of scope (its error protocol may still be tested). */
  readonly excludedBecause?: string;
}

const EXCLUDED_AREAS: Readonly<Partial<Record<OperationArea, string>>> = {
  swarm: 'swarm mode: the suite never joins or changes a swarm',
  nodes: 'swarm mode only',
  services: 'swarm mode only',
  tasks: 'swarm mode only',
  secrets: 'swarm mode only',
  configs: 'swarm mode only',
  plugins: 'plugins are installed from a registry holding plugin images and change daemon-wide state',
};

const EXCLUDED_OPERATIONS: Readonly<Record<string, string>> = {
  ImageSearch: 'needs a registry with the v1 search API (Docker Hub); no internet here',
};

const op = (name: string, area: OperationArea, method: HttpMethod, path: string): OperationRequirement => {
  const excludedBecause = EXCLUDED_OPERATIONS[name] ?? EXCLUDED_AREAS[area];
  return excludedBecause === undefined
    ? { id: `docker-api:${name}`, level: 'OPERATION', area, method, path }
    : { id: `docker-api:${name}`, level: 'EXCLUDED', area, method, path, excludedBecause };
};

/** Every operationId of swagger v1.41, in the swagger's order. */
export const REQUIREMENTS: readonly OperationRequirement[] = [
  op('ContainerList', 'containers', 'GET', '/containers/json'),
  op('ContainerCreate', 'containers', 'POST', '/containers/create'),
  op('ContainerInspect', 'containers', 'GET', '/containers/{id}/json'),
  op('ContainerTop', 'containers', 'GET', '/containers/{id}/top'),
  op('ContainerLogs', 'containers', 'GET', '/containers/{id}/logs'),
  op('ContainerChanges', 'containers', 'GET', '/containers/{id}/changes'),
  op('ContainerExport', 'containers', 'GET', '/containers/{id}/export'),
  op('ContainerStats', 'containers', 'GET', '/containers/{id}/stats'),
  op('ContainerResize', 'containers', 'POST', '/containers/{id}/resize'),
  op('ContainerStart', 'containers', 'POST', '/containers/{id}/start'),
  op('ContainerStop', 'containers', 'POST', '/containers/{id}/stop'),
  op('ContainerRestart', 'containers', 'POST', '/containers/{id}/restart'),
  op('ContainerKill', 'containers', 'POST', '/containers/{id}/kill'),
  op('ContainerUpdate', 'containers', 'POST', '/containers/{id}/update'),
  op('ContainerRename', 'containers', 'POST', '/containers/{id}/rename'),
  op('ContainerPause', 'containers', 'POST', '/containers/{id}/pause'),
  op('ContainerUnpause', 'containers', 'POST', '/containers/{id}/unpause'),
  op('ContainerAttach', 'containers', 'POST', '/containers/{id}/attach'),
  op('ContainerAttachWebsocket', 'containers', 'GET', '/containers/{id}/attach/ws'),
  op('ContainerWait', 'containers', 'POST', '/containers/{id}/wait'),
  op('ContainerDelete', 'containers', 'DELETE', '/containers/{id}'),
  op('ContainerArchiveInfo', 'containers', 'HEAD', '/containers/{id}/archive'),
  op('ContainerArchive', 'containers', 'GET', '/containers/{id}/archive'),
  op('PutContainerArchive', 'containers', 'PUT', '/containers/{id}/archive'),
  op('ContainerPrune', 'containers', 'POST', '/containers/prune'),
  op('ImageList', 'images', 'GET', '/images/json'),
  op('ImageBuild', 'build', 'POST', '/build'),
  op('BuildPrune', 'build', 'POST', '/build/prune'),
  op('ImageCreate', 'images', 'POST', '/images/create'),
  op('ImageInspect', 'images', 'GET', '/images/{name}/json'),
  op('ImageHistory', 'images', 'GET', '/images/{name}/history'),
  op('ImagePush', 'images', 'POST', '/images/{name}/push'),
  op('ImageTag', 'images', 'POST', '/images/{name}/tag'),
  op('ImageDelete', 'images', 'DELETE', '/images/{name}'),
  op('ImageSearch', 'images', 'GET', '/images/search'),
  op('ImagePrune', 'images', 'POST', '/images/prune'),
  op('SystemAuth', 'system', 'POST', '/auth'),
  op('SystemInfo', 'system', 'GET', '/info'),
  op('SystemVersion', 'system', 'GET', '/version'),
  op('SystemPing', 'system', 'GET', '/_ping'),
  op('SystemPingHead', 'system', 'HEAD', '/_ping'),
  op('ImageCommit', 'images', 'POST', '/commit'),
  op('SystemEvents', 'system', 'GET', '/events'),
  op('SystemDataUsage', 'system', 'GET', '/system/df'),
  op('ImageGet', 'images', 'GET', '/images/{name}/get'),
  op('ImageGetAll', 'images', 'GET', '/images/get'),
  op('ImageLoad', 'images', 'POST', '/images/load'),
  op('ContainerExec', 'exec', 'POST', '/containers/{id}/exec'),
  op('ExecStart', 'exec', 'POST', '/exec/{id}/start'),
  op('ExecResize', 'exec', 'POST', '/exec/{id}/resize'),
  op('ExecInspect', 'exec', 'GET', '/exec/{id}/json'),
  op('VolumeList', 'volumes', 'GET', '/volumes'),
  op('VolumeCreate', 'volumes', 'POST', '/volumes/create'),
  op('VolumeInspect', 'volumes', 'GET', '/volumes/{name}'),
  op('VolumeDelete', 'volumes', 'DELETE', '/volumes/{name}'),
  op('VolumePrune', 'volumes', 'POST', '/volumes/prune'),
  op('NetworkList', 'networks', 'GET', '/networks'),
  op('NetworkInspect', 'networks', 'GET', '/networks/{id}'),
  op('NetworkDelete', 'networks', 'DELETE', '/networks/{id}'),
  op('NetworkCreate', 'networks', 'POST', '/networks/create'),
  op('NetworkConnect', 'networks', 'POST', '/networks/{id}/connect'),
  op('NetworkDisconnect', 'networks', 'POST', '/networks/{id}/disconnect'),
  op('NetworkPrune', 'networks', 'POST', '/networks/prune'),
  op('PluginList', 'plugins', 'GET', '/plugins'),
  op('GetPluginPrivileges', 'plugins', 'GET', '/plugins/privileges'),
  op('PluginPull', 'plugins', 'POST', '/plugins/pull'),
  op('PluginInspect', 'plugins', 'GET', '/plugins/{name}/json'),
  op('PluginDelete', 'plugins', 'DELETE', '/plugins/{name}'),
  op('PluginEnable', 'plugins', 'POST', '/plugins/{name}/enable'),
  op('PluginDisable', 'plugins', 'POST', '/plugins/{name}/disable'),
  op('PluginUpgrade', 'plugins', 'POST', '/plugins/{name}/upgrade'),
  op('PluginCreate', 'plugins', 'POST', '/plugins/create'),
  op('PluginPush', 'plugins', 'POST', '/plugins/{name}/push'),
  op('PluginSet', 'plugins', 'POST', '/plugins/{name}/set'),
  op('NodeList', 'nodes', 'GET', '/nodes'),
  op('NodeInspect', 'nodes', 'GET', '/nodes/{id}'),
  op('NodeDelete', 'nodes', 'DELETE', '/nodes/{id}'),
  op('NodeUpdate', 'nodes', 'POST', '/nodes/{id}/update'),
  op('SwarmInspect', 'swarm', 'GET', '/swarm'),
  op('SwarmInit', 'swarm', 'POST', '/swarm/init'),
  op('SwarmJoin', 'swarm', 'POST', '/swarm/join'),
  op('SwarmLeave', 'swarm', 'POST', '/swarm/leave'),
  op('SwarmUpdate', 'swarm', 'POST', '/swarm/update'),
  op('SwarmUnlockkey', 'swarm', 'GET', '/swarm/unlockkey'),
  op('SwarmUnlock', 'swarm', 'POST', '/swarm/unlock'),
  op('ServiceList', 'services', 'GET', '/services'),
  op('ServiceCreate', 'services', 'POST', '/services/create'),
  op('ServiceInspect', 'services', 'GET', '/services/{id}'),
  op('ServiceDelete', 'services', 'DELETE', '/services/{id}'),
  op('ServiceUpdate', 'services', 'POST', '/services/{id}/update'),
  op('ServiceLogs', 'services', 'GET', '/services/{id}/logs'),
  op('TaskList', 'tasks', 'GET', '/tasks'),
  op('TaskInspect', 'tasks', 'GET', '/tasks/{id}'),
  op('TaskLogs', 'tasks', 'GET', '/tasks/{id}/logs'),
  op('SecretList', 'secrets', 'GET', '/secrets'),
  op('SecretCreate', 'secrets', 'POST', '/secrets/create'),
  op('SecretInspect', 'secrets', 'GET', '/secrets/{id}'),
  op('SecretDelete', 'secrets', 'DELETE', '/secrets/{id}'),
  op('SecretUpdate', 'secrets', 'POST', '/secrets/{id}/update'),
  op('ConfigList', 'configs', 'GET', '/configs'),
  op('ConfigCreate', 'configs', 'POST', '/configs/create'),
  op('ConfigInspect', 'configs', 'GET', '/configs/{id}'),
  op('ConfigDelete', 'configs', 'DELETE', '/configs/{id}'),
  op('ConfigUpdate', 'configs', 'POST', '/configs/{id}/update'),
  op('DistributionInspect', 'distribution', 'GET', '/distribution/{name}/json'),
  op('Session', 'session', 'POST', '/session'),
];

/** Requirement ids tests may name that are no swagger operation: the self-check of the suite's schemas. */
export const NON_OPERATION_IDS: readonly string[] = ['docker-api:schemas'];

/**
 * The table row a requirement id names: `docker-api:Op`, or `docker-api:Op.detail` (a detail of Op,
 * e.g. `docker-api:SystemInfo.LiveRestoreEnabled`).
 */
export function operationOf(id: string): OperationRequirement | undefined {
  const base = id.replace(/^(docker-api:[A-Za-z]+)\..*$/, '$1');
  return REQUIREMENTS.find((r) => r.id === base);
}
