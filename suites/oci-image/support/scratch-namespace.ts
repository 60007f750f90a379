import { ContainerdCtr } from '../../../core/engines/containerd/client.js';
import { ctrCall } from '../../../core/engines/containerd/ctr-call.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { waitFor } from '../../../core/wait-for.js';
import { CALL_MS } from './engine.js';

// containerd only: each broken OCI archive goes into a namespace of its own, dropped afterwards, so a
// half-imported image or stray content cannot reach the next case (a containerd concept, not an engine one).

/** The containerd engine `engine`, seen in namespace `namespace`. */
export const inNamespace = (engine: EngineDescription, namespace: string): EngineDescription => ({
  ...engine,
  args: ['--namespace', namespace],
});

/**
 * Removes every image of the scratch namespace, then the namespace itself. containerd drops content and
 * leases of a failed import in the background, so `namespaces rm` can briefly see it non-empty: retry
 * within a bounded deadline.
 */
export async function dropNamespace(engine: EngineDescription, namespace: string): Promise<void> {
  const ctr = new ContainerdCtr(engine, { timeoutMs: CALL_MS, namespace });
  for (const image of await ctr.listImages()) await ctr.removeImage(image.ref);
  const target = { ...ctr.target, namespace: 'default' };
  const removed = () => ctrCall(target, ['namespaces', 'rm', namespace]).then(() => true);
  await waitFor(removed, {
    timeoutMs: 15_000,
    intervalMs: 300,
    maxAttempts: 51,
    describe: `namespace ${namespace} to go`,
    retry: (err) => err instanceof Error && /must be empty/.test(err.message),
    onTimeout: (message, last) => (last instanceof Error ? last : new Error(message)),
  });
}
