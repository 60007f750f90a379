import type { ContainerManager } from '../../containers/types.js';
import type { EventBus } from '../../events/types.js';

const live = (s: string) => s === 'running' || s === 'paused';

/**
 * Resolves true once the container runs (at once when it does), false when it is removed or
 * `signal` aborts first. Learns of the start from the event bus: no polling.
 */
export function untilRunning(
  containers: ContainerManager,
  events: EventBus,
  id: string,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: boolean) => {
      if (settled) return;
      settled = true;
      stop();
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(false);
    const stop = events.subscribe((msg) => {
      if (msg.Type !== 'container' || msg.Actor.ID !== id) return;
      if (msg.Action === 'start') finish(true);
      if (msg.Action === 'destroy') finish(false);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) finish(false);
    try {
      if (live(containers.get(id).state.status)) finish(true);
    } catch {
      finish(false);
    }
  });
}
