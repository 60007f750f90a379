import { parseHostVariable } from './parse-engine.js';
import { registryUrl } from './strategy-flags.js';
import type { DiscoveryStrategy } from './types.js';

/** A Docker-API host variable; the engine is renamed by product after describe (Podman behind DOCKER_HOST is podman). */
const hostVariable = (variable: string, name: string): DiscoveryStrategy => ({
  name: variable,
  kind: 'environment',
  detect: async (ctx) => {
    const value = ctx.env[variable]?.trim();
    return value ? [parseHostVariable(variable, value, name)] : [];
  },
});

export const dockerHost = hostVariable('DOCKER_HOST', 'docker');
export const containerHost = hostVariable('CONTAINER_HOST', 'podman');

export const registryVariable: DiscoveryStrategy = {
  name: 'SHIPSHAPE_REGISTRY',
  kind: 'environment',
  detect: async (ctx) => {
    const value = ctx.env.SHIPSHAPE_REGISTRY?.trim();
    if (!value) return [];
    const address = registryUrl('SHIPSHAPE_REGISTRY=', value);
    return [{ name: 'registry', family: 'registry', address, source: 'SHIPSHAPE_REGISTRY' }];
  },
};
