import { basename } from 'node:path';
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
  return { ...endpoint, product: parsed.product, version: parsed.version, capabilities, lacks: LACKS };
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
