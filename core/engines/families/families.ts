import { ShipshapeError } from '../../errors.js';
import type { ContainerEngine, OpenOptions } from '../container-engine/types.js';
import { ContainerdEngine } from '../containerd/container-engine.js';
import { describeContainerd } from '../containerd/describe.js';
import { DockerApiEngine } from '../docker-api/container-engine.js';
import { describeDockerApi } from '../docker-api/describe.js';
import { describeRegistry } from '../registry/describe.js';
import { describeRuntimeCli } from '../runtime-cli/describe.js';
import type { DescribeFn, EngineEndpoint, EngineFamily } from '../types.js';

/** Opens the ContainerEngine of one family on an endpoint of it. */
export type ContainerEngineFactory = (endpoint: EngineEndpoint, opts?: OpenOptions) => ContainerEngine;

interface Family {
  /** Asks an engine of this family what it is and what it can do. */
  readonly describe: DescribeFn;
  /** The family's one ContainerEngine implementation; absent for runtime CLIs and registries. */
  readonly containerEngine?: ContainerEngineFactory;
}

/**
 * Every engine family, the one place a family is registered. Adding one: its folder under core/engines
 * (client, describe, and a ContainerEngine if it runs containers), its name in EngineFamily, and an entry
 * here; suites and benchmarks pick it up from CONTAINER_FAMILIES.
 */
export const FAMILIES = {
  'docker-api': {
    describe: describeDockerApi,
    containerEngine: (endpoint, opts) => new DockerApiEngine(endpoint, opts),
  },
  containerd: {
    describe: describeContainerd,
    containerEngine: (endpoint, opts) => new ContainerdEngine(endpoint, opts),
  },
  'runtime-cli': { describe: describeRuntimeCli },
  registry: { describe: describeRegistry },
} as const satisfies Record<EngineFamily, Family>;

export const ENGINE_FAMILIES = Object.keys(FAMILIES) as EngineFamily[];

/** The families that run containers through a ContainerEngine. */
export type ContainerFamily = {
  [F in EngineFamily]: (typeof FAMILIES)[F] extends { containerEngine: ContainerEngineFactory } ? F : never;
}[EngineFamily];

export const CONTAINER_FAMILIES = ENGINE_FAMILIES.filter(
  (f): f is ContainerFamily => 'containerEngine' in FAMILIES[f],
);

export const isContainerFamily = (family: EngineFamily): family is ContainerFamily =>
  (CONTAINER_FAMILIES as readonly EngineFamily[]).includes(family);

/**
 * The ContainerEngine of the engine behind `endpoint` (an EngineDescription will do), from its family's
 * entry; throws for a family that runs no containers.
 */
export function openContainerEngine(endpoint: EngineEndpoint, opts?: OpenOptions): ContainerEngine {
  const family: Family = FAMILIES[endpoint.family];
  if (family.containerEngine === undefined) {
    throw new ShipshapeError(
      'INVALID_INPUT',
      `${endpoint.name} is a ${endpoint.family} engine: it runs no containers`,
    );
  }
  return family.containerEngine(endpoint, opts);
}
