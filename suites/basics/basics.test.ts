import { target } from '../support/index.js';
import { containerdBasics } from './containerd.js';
import { dockerApiBasics } from './docker-api.js';
import { registryBasics } from './registry.js';
import { runtimeCliBasics } from './runtime-cli.js';

// The first suite every engine meets: it answers, takes the probe image and runs it (or stores it).
const engine = target();
const byFamily = {
  'docker-api': dockerApiBasics,
  containerd: containerdBasics,
  'runtime-cli': runtimeCliBasics,
  registry: registryBasics,
} as const;
byFamily[engine.family](engine);
