import { basename } from 'node:path';
import type { Capability, EngineDescription, EngineEndpoint } from '../types.js';
import { runBounded } from './exec.js';
import { parseRuntimeVersion } from './version.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

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
  if (await featuresWork(file, global, name, timeoutMs)) capabilities.push('runtime.features');
  const help = await runBounded(file, [...global, 'create', '--help'], {
    what: `${name} create --help`,
    timeoutMs,
  });
  if (`${help.stdout}${help.stderr}`.includes('--console-socket'))
    capabilities.push('runtime.console-socket');
  return { ...endpoint, product: parsed.product, version: parsed.version, capabilities };
}

async function featuresWork(file: string, global: readonly string[], name: string, timeoutMs: number) {
  const r = await runBounded(file, [...global, 'features'], { what: `${name} features`, timeoutMs });
  if (r.exitCode !== 0) return false;
  try {
    const doc: unknown = JSON.parse(r.stdout);
    return typeof doc === 'object' && doc !== null && 'ociVersionMin' in doc;
  } catch {
    return false;
  }
}
