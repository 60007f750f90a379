import type { RunnerTask } from 'vitest';
import { REQUIREMENTS } from './requirements.js';

/** Requirement ids named by the tests under `task` that are not in REQUIREMENTS. */
export function unknownRequirementIds(task: RunnerTask): string[] {
  const known = new Set(REQUIREMENTS.map((r) => r.id));
  const unknown = new Set<string>();
  const walk = (t: RunnerTask): void => {
    for (const id of t.meta.shipshape?.requirements ?? []) if (!known.has(id)) unknown.add(id);
    if ('tasks' in t) for (const child of t.tasks) walk(child);
  };
  walk(task);
  return [...unknown].sort();
}
