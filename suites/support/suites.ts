import { CONTAINER_FAMILIES, ENGINE_FAMILIES } from '../../core/engines/families/families.js';
import type { EngineFamily } from '../../core/engines/types.js';

/**
 * Which engine families each suite (a folder suites/<name>/) applies to. A folder not listed is not run.
 * Suites written against ContainerEngine apply to every family that has one.
 */
export const SUITE_FAMILIES: Readonly<Record<string, readonly EngineFamily[]>> = {
  basics: ENGINE_FAMILIES,
  'docker-api': ['docker-api'],
  lifecycle: CONTAINER_FAMILIES,
  'oci-runtime': ['runtime-cli'],
  'runtime-cli': ['runtime-cli'],
  'oci-image': CONTAINER_FAMILIES,
  'oci-distribution': ['registry'],
  security: [...CONTAINER_FAMILIES, 'runtime-cli'],
  reliability: [...CONTAINER_FAMILIES, 'runtime-cli'],
};

/** Suites that apply to `family`, in table order. */
export const suitesFor = (family: EngineFamily): string[] =>
  Object.entries(SUITE_FAMILIES)
    .filter(([, families]) => families.includes(family))
    .map(([name]) => name);
