import { usageError } from '../../core/errors.js';
import { parseEngineValue, parseRuntimeValue } from './parse-engine.js';
import type { DiscoveryStrategy } from './types.js';

export const engineFlags: DiscoveryStrategy = {
  name: '--engine',
  kind: 'explicit',
  detect: (ctx) => Promise.all(ctx.flags.engines.map((v) => parseEngineValue(v, ctx))),
};

export const runtimeFlags: DiscoveryStrategy = {
  name: '--runtime',
  kind: 'explicit',
  detect: (ctx) => Promise.all(ctx.flags.runtimes.map((v) => parseRuntimeValue(v, ctx))),
};

/** Checks a registry URL: only http(s) base URLs are registries. */
export function registryUrl(origin: string, value: string): string {
  if (!/^https?:\/\/[^/]+/i.test(value))
    throw usageError(`${origin} ${value}: a registry is an http:// or https:// URL`);
  return value.replace(/\/+$/, '');
}

export const registryFlags: DiscoveryStrategy = {
  name: '--registry',
  kind: 'explicit',
  detect: async (ctx) =>
    ctx.flags.registries.map((v) => ({
      name: 'registry',
      family: 'registry' as const,
      address: registryUrl('--registry', v),
      source: '--registry',
    })),
};
