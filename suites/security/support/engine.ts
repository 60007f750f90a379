import type { ContainerEngine } from '../../../core/engines/container-engine/types.js';
import { ContainerdCtr } from '../../../core/engines/containerd/client.js';
import { ctrCall } from '../../../core/engines/containerd/ctr-call.js';
import { DockerApiEngine } from '../../../core/engines/docker-api/container-engine.js';
import { openContainerEngine } from '../../../core/engines/families/families.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { EngineError } from '../../../core/errors.js';
import { waitFor } from '../../../core/wait-for.js';

/** Bound of each engine call: loads of a few MB and a 64 MiB gzip bomb on a loaded 2-core machine. */
export const CALL_MS = 90_000;

/** What an engine answered to a load. */
export type LoadOutcome =
  | { readonly ok: true; readonly images: readonly string[]; readonly message: string }
  | { readonly ok: false; readonly status: number; readonly message: string };

export const openEngine = (engine: EngineDescription): ContainerEngine =>
  openContainerEngine(engine, { timeoutMs: CALL_MS, streamTimeoutMs: CALL_MS });

/** Loads `tar`; a refusal by the engine is an outcome, anything else throws. */
export async function tryLoad(engine: ContainerEngine, tar: Buffer, ref: string): Promise<LoadOutcome> {
  try {
    const r = await engine.load(tar, { ref, timeoutMs: CALL_MS });
    return { ok: true, images: r.images, message: r.message };
  } catch (err) {
    if (err instanceof EngineError) return { ok: false, status: err.status, message: err.engineMessage };
    throw err;
  }
}

/**
 * Images a load could have left: those named `ref`, and (Docker API) those whose ID is `configDigest`
 * (an untagged, half-registered image). For containerd, every image of the scratch namespace.
 */
export async function imagesLeft(
  described: EngineDescription,
  engine: ContainerEngine,
  ref: string,
  configDigest: string,
): Promise<string[]> {
  const left: string[] = [];
  const named = await engine.findImage(ref);
  if (named !== undefined) left.push(named);
  if (engine instanceof DockerApiEngine) {
    const hex = configDigest.replace(/^sha256:/, '');
    const all = await engine.client.images.list({ all: true });
    for (const i of all) if (i.Id?.replace(/^sha256:/, '') === hex) left.push(`${i.Id} ${i.RepoTags ?? []}`);
  } else if (described.family === 'containerd') {
    const ctr = new ContainerdCtr(described, { timeoutMs: CALL_MS });
    for (const i of await ctr.listImages()) left.push(i.ref);
  }
  return [...new Set(left)];
}

/** The containerd engine `engine`, seen in namespace `namespace`. */
export const inNamespace = (engine: EngineDescription, namespace: string): EngineDescription => ({
  ...engine,
  args: ['--namespace', namespace],
});

/**
 * Removes every container, image and the namespace itself (containerd drops content of a failed import
 * in the background, so `namespaces rm` is retried within a bound).
 */
export async function dropNamespace(engine: EngineDescription, namespace: string): Promise<void> {
  const ctr = new ContainerdCtr(engine, { timeoutMs: CALL_MS, namespace });
  for (const c of await ctr.listContainers().catch(() => []))
    await ctr.delete(c.id, { force: true }).catch(() => undefined);
  for (const image of await ctr.listImages().catch(() => []))
    await ctr.removeImage(image.ref).catch(() => undefined);
  const target = { ...ctr.target, namespace: 'default' };
  const removed = () => ctrCall(target, ['namespaces', 'rm', namespace]).then(() => true);
  await waitFor(removed, {
    timeoutMs: 20_000,
    intervalMs: 300,
    maxAttempts: 67,
    describe: `namespace ${namespace} to go`,
    retry: (err) => err instanceof Error && /must be empty/.test(err.message),
    onTimeout: (message, last) => (last instanceof Error ? last : new Error(message)),
  });
}
