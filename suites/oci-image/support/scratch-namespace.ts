import { ContainerdCtr } from '../../../core/engines/containerd/client.js';
import { ctrCall } from '../../../core/engines/containerd/ctr-call.js';
import type { EngineDescription } from '../../../core/engines/types.js';
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
  const deadline = Date.now() + 15_000;
  for (let attempt = 0; ; attempt++) {
    try {
      await ctrCall(target, ['namespaces', 'rm', namespace]);
      return;
    } catch (err) {
      const notEmpty = err instanceof Error && /must be empty/.test(err.message);
      if (!notEmpty || attempt >= 50 || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
