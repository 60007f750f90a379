import type { EngineDescription, EngineFamily } from '../../core/engines/types.js';
import { target } from '../support/index.js';
import { genericContainerBasics } from './container.js';
import { containerdBasics } from './containerd.js';
import { dockerApiBasics } from './docker-api.js';
import { registryBasics } from './registry.js';
import { runtimeCliBasics } from './runtime-cli.js';

// The first suite every engine meets: it answers, takes the probe image and runs it (or stores it).
// A container family without an entry gets the generic container basics.
const engine = target();
const byFamily: Partial<Record<EngineFamily, (e: EngineDescription) => void>> = {
  'docker-api': dockerApiBasics,
  containerd: containerdBasics,
  'runtime-cli': runtimeCliBasics,
  registry: registryBasics,
};
(byFamily[engine.family] ?? genericContainerBasics)(engine);
