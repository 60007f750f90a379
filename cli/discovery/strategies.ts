import { containerHost, dockerHost, registryVariable } from './strategy-environment.js';
import { engineFlags, registryFlags, runtimeFlags } from './strategy-flags.js';
import { defaultRegistry, pathRuntimes, wellKnownSockets } from './strategy-probes.js';
import type { DiscoveryStrategy } from './types.js';

/** Discovery order: earlier strategies win when two find the same address. Add a strategy with one line. */
export const STRATEGIES: readonly DiscoveryStrategy[] = [
  engineFlags,
  runtimeFlags,
  registryFlags,
  dockerHost,
  containerHost,
  registryVariable,
  wellKnownSockets,
  pathRuntimes,
  defaultRegistry,
];
