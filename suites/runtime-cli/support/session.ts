import type { RunnerTask } from 'vitest';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeRuntime, openRuntime, session } from '../../oci-runtime/support/index.js';
import { REQUIREMENTS } from '../requirements.js';

/** Requirement ids named by the tests under `task` that are not in this suite's table. */
export function unknownContractIds(task: RunnerTask): string[] {
  const known = new Set(REQUIREMENTS.map((r) => r.id));
  const unknown = new Set<string>();
  const walk = (t: RunnerTask): void => {
    for (const id of t.meta.shipshape?.requirements ?? []) if (!known.has(id)) unknown.add(id);
    if ('tasks' in t) for (const child of t.tasks) walk(child);
  };
  walk(task);
  return [...unknown].sort();
}

/**
 * The session hooks of a runtime-cli test file: the oci-runtime suite's session (a private state root
 * and workspace per file, cleanup after each test, every container force-deleted at the end), plus a
 * check that the tests name only ids of this suite's requirement table.
 */
export function useRuntimeCli(): void {
  beforeAll(async () => {
    await openRuntime();
  });
  afterEach(async () => {
    await session().cleanup.runAll();
  });
  // biome-ignore lint/correctness/noEmptyPattern: vitest parses the first argument as a fixture pattern
  afterAll(async ({}, file) => {
    await closeRuntime();
    const unknown = unknownContractIds(file);
    if (unknown.length > 0)
      throw new Error(`tests name requirement ids missing from requirements.ts: ${unknown.join(', ')}`);
  });
}

/** Test options: the suite's tags plus `area`, and the `runtime-cli:` requirements covered. */
export const contract = (area: string, ...ids: string[]) => ({
  tags: ['runtime-cli', area],
  requirements: ids.map((i) => `runtime-cli:${i}`),
});
