import type { EngineEndpoint } from '../../core/engines/types.js';
import type { DiscoveryStrategy } from './types.js';
import { DEFAULT_REGISTRY, KNOWN_RUNTIMES, WELL_KNOWN_SOCKETS } from './well-known.js';

export const wellKnownSockets: DiscoveryStrategy = {
  name: 'well-known sockets',
  kind: 'probe',
  detect: async () => WELL_KNOWN_SOCKETS.map((s) => ({ ...s, source: 'well-known socket' })),
};

export const pathRuntimes: DiscoveryStrategy = {
  name: 'PATH',
  kind: 'probe',
  detect: async (ctx) => {
    const found: EngineEndpoint[] = [];
    for (const name of KNOWN_RUNTIMES) {
      const file = await ctx.which(name);
      if (file) found.push({ name, family: 'runtime-cli', address: file, source: 'PATH' });
    }
    return found;
  },
};

/** The local registry peer; the source says whether it answered (one that did not is listed as unreachable). */
export const defaultRegistry: DiscoveryStrategy = {
  name: 'default registry',
  kind: 'probe',
  detect: async (ctx) => {
    const answered = await ctx.answers(`${DEFAULT_REGISTRY}/v2/`);
    const source = answered
      ? `probe: ${DEFAULT_REGISTRY}/v2/ answered`
      : `probe: ${DEFAULT_REGISTRY}/v2/ did not answer`;
    return [{ name: 'registry', family: 'registry', address: DEFAULT_REGISTRY, source }];
  },
};
