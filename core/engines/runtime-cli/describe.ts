import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Capability, EngineDescription, EngineEndpoint } from '../types.js';
import { runBounded } from './exec.js';
import { parseRuntimeVersion } from './version.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** What no runtime CLI has, whatever it answers. */
const LACKS: Readonly<Partial<Record<Capability, string>>> = {
  'images.load': 'a runtime CLI runs OCI bundles; it has no image store',
  networks: 'a runtime CLI leaves networking to its caller',
};

/** Asks a runc-compatible binary what it is and what it can do; never creates a container. */
export async function describeRuntimeCli(
  endpoint: EngineEndpoint,
  opts?: { timeoutMs?: number },
): Promise<EngineDescription> {
  const timeoutMs = opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const file = endpoint.address;
  const global = endpoint.args ?? [];
  const name = basename(file);
  const ver = await runBounded(file, [...global, '--version'], { what: `${name} --version`, timeoutMs });
  const parsed = parseRuntimeVersion(ver.stdout, name);
  const capabilities: Capability[] = ['containers'];
  const features = await featuresOf(file, global, name, timeoutMs);
  if (features) capabilities.push('runtime.features');
  if (seccompOf(features) !== false) capabilities.push('runtime.seccomp');
  const help = await runBounded(file, [...global, 'create', '--help'], {
    what: `${name} create --help`,
    timeoutMs,
  });
  if (`${help.stdout}${help.stderr}`.includes('--console-socket'))
    capabilities.push('runtime.console-socket');
  const top = await runBounded(file, [...global, '--help'], { what: `${name} --help`, timeoutMs });
  const hostLacks = hostCapabilities(`${top.stdout}${top.stderr}`, name, capabilities);
  const lacks = { ...LACKS, ...hostLacks };
  return { ...endpoint, product: parsed.product, version: parsed.version, capabilities, lacks };
}

/** On PATH (or an absolute path that exists). */
const onPath = (program: string): boolean =>
  (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
    .split(':')
    .some((dir) => dir !== '' && existsSync(join(dir, program)));

/** systemd is the init of this host (sd_booted(3): /run/systemd/system exists). */
export const systemdRunning = (): boolean => existsSync('/run/systemd/system');

/**
 * Pushes runtime.checkpoint and runtime.systemd-cgroup when the runtime's help lists the command or
 * flag and the host has what they need (CRIU, systemd); answers why each missing one is missing.
 */
export function hostCapabilities(
  help: string,
  name: string,
  capabilities: Capability[],
  host: { criu: boolean; systemd: boolean } = { criu: onPath('criu'), systemd: systemdRunning() },
): Partial<Record<Capability, string>> {
  const lacks: Partial<Record<Capability, string>> = {};
  if (!/^\s*checkpoint\b/m.test(help)) lacks['runtime.checkpoint'] = `${name} has no checkpoint command`;
  else if (!host.criu) lacks['runtime.checkpoint'] = 'CRIU (criu) is not installed on this host';
  else capabilities.push('runtime.checkpoint');
  if (!help.includes('--systemd-cgroup'))
    lacks['runtime.systemd-cgroup'] = `${name} has no --systemd-cgroup flag`;
  else if (!host.systemd)
    lacks['runtime.systemd-cgroup'] = 'systemd is not running on this host (no /run/systemd/system)';
  else capabilities.push('runtime.systemd-cgroup');
  return lacks;
}

type Features = Record<string, unknown>;

async function featuresOf(
  file: string,
  global: readonly string[],
  name: string,
  timeoutMs: number,
): Promise<Features | undefined> {
  const r = await runBounded(file, [...global, 'features'], { what: `${name} features`, timeoutMs });
  if (r.exitCode !== 0) return undefined;
  try {
    const doc: unknown = JSON.parse(r.stdout);
    return typeof doc === 'object' && doc !== null && 'ociVersionMin' in doc ? (doc as Features) : undefined;
  } catch {
    return undefined;
  }
}

/** `linux.seccomp.enabled` of a features document: false only when the runtime says so. */
export function seccompOf(features: Features | undefined): boolean | undefined {
  const linux = features?.linux as Features | undefined;
  const enabled = (linux?.seccomp as Features | undefined)?.enabled;
  return typeof enabled === 'boolean' ? enabled : undefined;
}
