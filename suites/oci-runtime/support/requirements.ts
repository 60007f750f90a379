import type { Requirement } from './requirement.js';
import { CONFIG_REQUIREMENTS } from './requirements-config.js';
import { RUNTIME_REQUIREMENTS } from './requirements-runtime.js';

/** Every requirement of the oci-runtime suite: the runtime table (part 1) then the config table (part 2). */
export const REQUIREMENTS: readonly Requirement[] = [...RUNTIME_REQUIREMENTS, ...CONFIG_REQUIREMENTS];

/** Lookup by id (ids are unique across both tables; coverage-requirements.unit.test.ts checks it). */
export const requirementById = (id: string): Requirement | undefined => REQUIREMENTS.find((r) => r.id === id);

export { CONFIG_REQUIREMENTS, RUNTIME_REQUIREMENTS };
