import type { HostConfig } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import { isUnified } from '../runtime/cgroups/hierarchies.js';
import { extraHostLines } from './etc-files.js';
import { normalizeCaps } from './oci/capabilities.js';
import { DEFAULT_SHM_SIZE, MASKED_PATHS, READONLY_PATHS } from './oci/default-mounts.js';
import { checkResources } from './oci/resources.js';
import { checkRestartPolicy } from './restart-policy.js';

const NETWORK_MODES = ['default', 'bridge', 'none', 'host'];

/**
 * Checks a create's HostConfig (400s with dockerd's words) and fills the defaults dockerd stores and
 * shows in inspect (ShmSize, IpcMode, CgroupnsMode, masked and read-only paths, LogConfig, ...).
 */
export function normalizeHostConfig(input: HostConfig | undefined): HostConfig {
  const h: HostConfig = { ...(input ?? {}) };
  checkRestartPolicy(h.RestartPolicy, h.AutoRemove === true);
  checkResources(h);
  normalizeCaps(h.CapAdd, 'CapAdd');
  normalizeCaps(h.CapDrop, 'CapDrop');
  extraHostLines(h.ExtraHosts);
  const net = h.NetworkMode || 'default';
  if (!NETWORK_MODES.includes(net) && !net.startsWith('container:'))
    throw new InvalidArgument(`network ${net} not found`);
  // dockerd refuses links where the container has no network of its own (compose's one-offs carry them)
  if ((h.Links ?? []).length > 0 && (net === 'host' || net.startsWith('container:')))
    throw new InvalidArgument(
      `conflicting options: ${net === 'host' ? 'host type networking' : 'container type network'} can't be used with links. This would result in undefined behavior`,
    );
  if (net === 'host' && (h.PortBindings ?? {}) && Object.keys(h.PortBindings ?? {}).length > 0)
    h.PortBindings = {}; // dockerd drops published ports with the host network (and warns)
  for (const u of h.Ulimits ?? []) {
    if (!u.Name || !/^[a-z]+$/.test(u.Name))
      throw new InvalidArgument(`invalid ulimit name: ${u.Name ?? ''}`);
    if ((u.Soft ?? 0) > (u.Hard ?? 0))
      throw new InvalidArgument(
        `ulimit soft limit must be less than or equal to hard limit: ${u.Soft} > ${u.Hard}`,
      );
  }
  if (h.ShmSize !== undefined && h.ShmSize < 0) throw new InvalidArgument('SHM size can not be less than 0');
  for (const opt of h.SecurityOpt ?? []) {
    if (!/^(no-new-privileges([:=](true|false))?|seccomp[:=].+|apparmor[:=].+|label[:=].+)$/.test(opt))
      throw new InvalidArgument(`invalid --security-opt 2: "${opt}"`);
  }
  h.NetworkMode = net;
  // dockerd stores each binding with both fields (a missing one as ''), and PidsLimit 0 or below as
  // null: unlimited either way.
  if (h.PortBindings)
    h.PortBindings = Object.fromEntries(
      Object.entries(h.PortBindings).map(([port, list]) => [
        port,
        list?.map((b) => ({ HostIp: b.HostIp ?? '', HostPort: b.HostPort ?? '' })) ?? list,
      ]),
    );
  if (h.PidsLimit !== undefined && h.PidsLimit !== null && h.PidsLimit <= 0) h.PidsLimit = null;
  if (h.Memory && h.Memory > 0 && !h.MemorySwap) h.MemorySwap = h.Memory * 2; // dockerd stores the default it applies
  h.RestartPolicy = {
    Name: h.RestartPolicy?.Name ?? '',
    MaximumRetryCount: h.RestartPolicy?.MaximumRetryCount ?? 0,
  };
  h.LogConfig = { Type: h.LogConfig?.Type || 'json-file', Config: h.LogConfig?.Config ?? {} };
  if (h.LogConfig.Type !== 'json-file' && h.LogConfig.Type !== 'none')
    throw new InvalidArgument(`logger: no log driver named '${h.LogConfig.Type}' is registered`);
  h.ShmSize = h.ShmSize || DEFAULT_SHM_SIZE;
  h.IpcMode = h.IpcMode || 'private';
  h.CgroupnsMode = h.CgroupnsMode || (isUnified() ? 'private' : 'host');
  h.ConsoleSize = h.ConsoleSize ?? [0, 0];
  if (h.Privileged) {
    h.MaskedPaths = h.MaskedPaths ?? null;
    h.ReadonlyPaths = h.ReadonlyPaths ?? null;
  } else {
    h.MaskedPaths = h.MaskedPaths ?? [...MASKED_PATHS];
    h.ReadonlyPaths = h.ReadonlyPaths ?? [...READONLY_PATHS];
  }
  return h;
}
