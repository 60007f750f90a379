import { BENCH_LABEL } from '../../bench/startup/container-engine.js';
import { STORAGE_LABEL } from '../../bench/storage/api-ops.js';
import { openContainerEngine } from '../../core/engines/families/families.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { RUN_LABEL } from '../../suites/docker-api/support/context.js';
import { SUITE_LABEL } from '../../suites/lifecycle/support/names.js';
import { SECURITY_LABEL } from '../../suites/security/support/names.js';
import { removeRuntimeLeftovers, runtimeWorkspaces } from './runtime-leftovers.js';

/** The label keys shipshape's suites and benchmarks put on every container they create. */
export const RUN_LABEL_KEYS: readonly string[] = [
  RUN_LABEL,
  SUITE_LABEL,
  SECURITY_LABEL,
  BENCH_LABEL,
  STORAGE_LABEL,
];

/** Families whose containers carry labels (registries hold no containers; runtime CLIs: see below). */
const LABELLED = new Set(['docker-api', 'containerd']);

/**
 * Ids of the containers on `engine` that carry one of the run label keys (any value). On a runtime CLI,
 * the suites' workspaces made with it instead (folders holding bundles and a state root with the
 * containers: see runtime-leftovers.ts).
 */
export async function labelledContainers(engine: EngineDescription): Promise<string[]> {
  if (engine.family === 'runtime-cli') return runtimeWorkspaces(engine).map((w) => w.root);
  if (!LABELLED.has(engine.family)) return [];
  const client = openContainerEngine(engine, { timeoutMs: 15_000 });
  try {
    const ids = new Set<string>();
    for (const key of RUN_LABEL_KEYS) for (const id of await client.list({ label: key })) ids.add(id);
    return [...ids];
  } finally {
    await client.close();
  }
}

/**
 * Force-removes the labelled containers on `engine`, except those in `keep` (what was there before this
 * run); resolves to the ids removed. A container gone meanwhile is not an error. On a runtime CLI, the
 * workspaces whose owner is gone or is this process (or its child), with their containers.
 */
export async function removeLabelled(
  engine: EngineDescription,
  keep: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  if (engine.family === 'runtime-cli') return removeRuntimeLeftovers(engine, keep);
  const ids = (await labelledContainers(engine)).filter((id) => !keep.has(id));
  if (ids.length === 0) return [];
  const client = openContainerEngine(engine, { timeoutMs: 30_000 });
  const removed: string[] = [];
  try {
    for (const id of ids) {
      await client.remove(id, { force: true }).then(
        () => removed.push(id),
        () => undefined,
      );
    }
  } finally {
    await client.close();
  }
  return removed;
}
