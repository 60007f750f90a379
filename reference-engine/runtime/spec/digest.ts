import type { OciConfig } from '../config/oci-config.js';
import { digestDevices } from './devices-digest.js';
import { record } from './escape.js';
import { digestHooks } from './hooks-digest.js';
import { digestIo, digestTerminal, type IoDigest } from './io-digest.js';
import { PROPAGATION } from './mount-options.js';
import { type CgroupView, digestMounts } from './mounts-digest.js';
import { CLONE_FLAGS } from './namespaces.js';
import { digestProcess } from './process-digest.js';
import { digestSeccomp } from './seccomp-digest.js';

export const SPEC_VERSION = 1;

/** Everything besides the config that the native side needs for one container. */
export interface DigestContext {
  readonly bundleDir: string;
  readonly rootfs: string;
  readonly fifo: string;
  /** cgroup.procs files the shim writes the container's pid into. */
  readonly cgroupProcs: readonly string[];
  readonly cgroupViews?: readonly CgroupView[];
  readonly consoleSocket?: string;
  /** The shim relays the stdio (log mode); with a terminal, the pty master goes to the shim. */
  readonly io?: IoDigest;
  readonly id: string;
}

function digestNamespaces(config: OciConfig): string {
  let flags = 0;
  let out = '';
  for (const ns of config.linux?.namespaces ?? []) {
    if (ns.path) out += record('setns', CLONE_FLAGS[ns.type], ns.path);
    else flags |= CLONE_FLAGS[ns.type];
  }
  for (const m of config.linux?.uidMappings ?? []) out += record('uidmap', m.containerID, m.hostID, m.size);
  for (const m of config.linux?.gidMappings ?? []) out += record('gidmap', m.containerID, m.hostID, m.size);
  const hasMountNs = (config.linux?.namespaces ?? []).some((n) => n.type === 'mount');
  return record('clone', flags) + out + (hasMountNs ? '' : record('chroot'));
}

/**
 * Turns a validated config into the line-based spec `shiprun-init` reads (version 1): one record a
 * line, `KEY\tFIELD...`, with everything pre-computed (flags, masks, numbers) so the C side only acts.
 */
export function digestConfig(config: OciConfig, ctx: DigestContext): string {
  const linux = config.linux ?? {};
  let out = record('shiprun-spec', SPEC_VERSION) + digestNamespaces(config);
  for (const p of ctx.cgroupProcs) out += record('cgroup', p);
  if (config.hostname) out += record('hostname', config.hostname);
  if (config.domainname) out += record('domainname', config.domainname);
  out += record('rootfs', ctx.rootfs, config.root?.readonly ? 1 : 0);
  const prop = PROPAGATION[linux.rootfsPropagation ?? ''];
  if (prop) out += record('propagation', prop);
  out += digestMounts(config.mounts, { bundleDir: ctx.bundleDir, cgroupViews: ctx.cgroupViews });
  out += digestDevices(config);
  for (const p of linux.readonlyPaths ?? []) out += record('readonly', p);
  for (const p of linux.maskedPaths ?? []) out += record('masked', p);
  for (const [k, v] of Object.entries(linux.sysctl ?? {})) out += record('sysctl', k.replace(/\./g, '/'), v);
  const relayed = ctx.io !== undefined && (ctx.io.logPath !== undefined || ctx.io.relay === true);
  out += digestTerminal(config.process, relayed ? { relay: true } : { consoleSocket: ctx.consoleSocket });
  out += digestIo(ctx.io);
  out += digestSeccomp(linux.seccomp);
  out += digestHooks(config, ctx.id, ctx.bundleDir);
  out += record('fifo', ctx.fifo);
  if (config.process) out += digestProcess(config.process);
  return out;
}
