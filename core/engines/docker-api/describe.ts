import type { SystemVersion } from '../../../spec/docker-api/system.js';
import type { Capability, EngineDescription, EngineEndpoint } from '../types.js';
import { DockerApiClient } from './client.js';

/** Read-only list calls whose success shows the engine serves that area. */
const PROBES: readonly { path: string; gives: readonly Capability[] }[] = [
  {
    path: '/containers/json?limit=1',
    gives: [
      'containers',
      'exec',
      'logs',
      'events',
      'containers.stop-timeout',
      'containers.restart-policy',
      'containers.auto-remove',
      'containers.init',
      'containers.exit-code',
      'containers.healthcheck',
    ],
  },
  { path: '/images/json', gives: ['images.load', 'images.save'] },
  { path: '/volumes', gives: ['volumes'] },
  { path: '/networks', gives: ['networks'] },
];

/**
 * Describe a Docker-API engine: ping and negotiate, GET /version for product and version, then the
 * capabilities it shows: an area counts when its list call answers 2xx; `pause` unless /info reports no
 * cgroup driver; `live-restore` when /info says LiveRestoreEnabled; `errors.http-status` always. What it
 * lacks carries the answer that showed it. Throws EngineUnreachableError, TimeoutError or EngineError
 * when the engine cannot be described.
 */
export async function describeDockerApi(
  endpoint: EngineEndpoint,
  opts: { timeoutMs?: number } = {},
): Promise<EngineDescription> {
  const client = new DockerApiClient(endpoint, { timeoutMs: opts.timeoutMs ?? 10_000 });
  try {
    const apiVersion = await client.negotiate();
    const [version, info, ...probes] = await Promise.all([
      client.version(),
      client.info(),
      ...PROBES.map((probe) => client.raw('GET', probe.path)),
    ]);
    const capabilities = new Set<Capability>(['errors.http-status']);
    const lacks: Partial<Record<Capability, string>> = {};
    PROBES.forEach((probe, i) => {
      const status = probes[i]?.status ?? 0;
      for (const capability of probe.gives) {
        if (status >= 200 && status < 300) capabilities.add(capability);
        else lacks[capability] = `GET ${probe.path} answered ${status}`;
      }
    });
    if (!capabilities.has('containers')) lacks.pause = lacks.containers;
    else if (info.CgroupDriver === 'none') lacks.pause = 'GET /info reports CgroupDriver none';
    else capabilities.add('pause');
    if ((info.SecurityOptions ?? []).some((o) => o.startsWith('name=seccomp')))
      capabilities.add('seccomp.default-profile');
    else lacks['seccomp.default-profile'] = 'GET /info lists no seccomp profile in SecurityOptions';
    if (info.LiveRestoreEnabled === true) capabilities.add('live-restore');
    else lacks['live-restore'] = 'GET /info does not report LiveRestoreEnabled: true';
    return {
      ...endpoint,
      product: productName(version),
      version: version.Version ?? info.ServerVersion ?? 'unknown',
      apiVersion,
      capabilities: [...capabilities].sort(),
      lacks,
    };
  } finally {
    await client.close();
  }
}

/**
 * 'Docker Engine - Community', 'Podman Engine', ...: Platform.Name when it names a product (Podman puts
 * `linux/amd64/debian-12` there), else the first component's name (dockerd calls it plain 'Engine').
 */
export function productName(version: SystemVersion): string {
  const platform = version.Platform?.Name?.trim() ?? '';
  if (platform !== '' && !platform.includes('/')) return platform;
  const component = version.Components?.[0]?.Name?.trim() ?? '';
  if (component === 'Engine') return 'Docker Engine';
  return component || 'Docker-compatible engine';
}
