import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerConfig, HostConfig } from '../daemon/wire/containers.js';
import { InvalidArgument } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';

const BASE_HOSTS = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'ff00::0\tip6-mcastprefix',
  'ff02::1\tip6-allnodes',
  'ff02::2\tip6-allrouters',
];

const DEFAULT_DNS = ['8.8.8.8', '8.8.4.4'];

/** ExtraHosts lines (`name:ip`, IPv6 allowed after the first ':'), as `ip\tname`. */
export function extraHostLines(extra: readonly string[] | null | undefined): string[] {
  return (extra ?? []).map((entry) => {
    const at = entry.indexOf(':');
    const name = entry.slice(0, at);
    const ip = entry.slice(at + 1);
    if (at <= 0 || ip === '') throw new InvalidArgument(`invalid extra host: ${entry}`);
    if (ip === 'host-gateway')
      throw new InvalidArgument('host-gateway needs a bridge network, which this daemon does not have yet');
    return `${ip}\t${name}`;
  });
}

/** /etc/hosts: the host's own with the host network, else loopback names; then ExtraHosts. */
export function hostsText(host: HostConfig, readHost = () => readFileSync('/etc/hosts', 'utf8')): string {
  const base = host.NetworkMode === 'host' ? readHost().replace(/\n?$/, '').split('\n') : BASE_HOSTS;
  return `${[...base, ...extraHostLines(host.ExtraHosts)].join('\n')}\n`;
}

/**
 * /etc/resolv.conf: Dns/DnsSearch/DnsOptions when given, else the host's file. Outside the host
 * network, loopback nameservers cannot answer: dockerd drops them and falls back to public ones.
 */
export function resolvConfText(
  host: HostConfig,
  readHost = () => readFileSync('/etc/resolv.conf', 'utf8'),
): string {
  let hostText = '';
  try {
    hostText = readHost();
  } catch {
    // no resolv.conf on the host
  }
  const lines = hostText.split('\n');
  const hostNs = lines.filter((l) => /^\s*nameserver\s/.test(l)).map((l) => l.trim().split(/\s+/)[1] ?? '');
  const isLoop = (ip: string) => ip.startsWith('127.') || ip === '::1';
  const useHostNet = host.NetworkMode === 'host';
  if (useHostNet && !host.Dns?.length && !host.DnsSearch?.length && !host.DnsOptions?.length) return hostText;
  let servers = host.Dns?.length ? [...host.Dns] : hostNs.filter((ip) => useHostNet || !isLoop(ip));
  if (servers.length === 0) servers = DEFAULT_DNS;
  const search = host.DnsSearch?.length
    ? host.DnsSearch
    : lines.filter((l) => /^\s*search\s/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1));
  const options = host.DnsOptions?.length
    ? host.DnsOptions
    : lines.filter((l) => /^\s*options\s/.test(l)).flatMap((l) => l.trim().split(/\s+/).slice(1));
  const out = servers.map((s) => `nameserver ${s}`);
  if (search.length) out.push(`search ${search.join(' ')}`);
  if (options.length) out.push(`options ${options.join(' ')}`);
  return `${out.join('\n')}\n`;
}

export interface EtcPaths {
  hostsPath: string;
  hostnamePath: string;
  resolvConfPath: string;
}

export const etcPaths = (dir: string): EtcPaths => ({
  hostsPath: join(dir, 'hosts'),
  hostnamePath: join(dir, 'hostname'),
  resolvConfPath: join(dir, 'resolv.conf'),
});

/** Writes the container's hosts, hostname and resolv.conf into its directory (bound in at start). */
export function writeEtcFiles(dir: string, config: ContainerConfig, host: HostConfig): EtcPaths {
  const paths = etcPaths(dir);
  writeFileAtomic(paths.hostsPath, hostsText(host), { mode: 0o644 });
  writeFileAtomic(paths.hostnamePath, `${config.Hostname ?? ''}\n`, { mode: 0o644 });
  writeFileAtomic(paths.resolvConfPath, resolvConfText(host), { mode: 0o644 });
  return paths;
}
