import type { EngineFamily } from '../../core/engines/types.js';

const ALL: readonly EngineFamily[] = ['docker-api', 'containerd', 'runtime-cli', 'registry'];

/** Which engine families each suite (a folder suites/<name>/) applies to. A folder not listed is not run. */
export const SUITE_FAMILIES: Readonly<Record<string, readonly EngineFamily[]>> = {
  basics: ALL,
  'docker-api': ['docker-api'],
  lifecycle: ['docker-api', 'containerd'],
  'oci-runtime': ['runtime-cli'],
  'oci-image': ['docker-api', 'containerd'],
  'oci-distribution': ['registry'],
};

/** Suites that apply to `family`, in table order. */
export const suitesFor = (family: EngineFamily): string[] =>
  Object.entries(SUITE_FAMILIES)
    .filter(([, families]) => families.includes(family))
    .map(([name]) => name);
