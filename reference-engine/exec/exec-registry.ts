import type { ContainerManager } from '../containers/types.js';
import type { EventBus } from '../events/types.js';
import { ExecStore } from './exec-store.js';

const stores = new WeakMap<ContainerManager, ExecStore>();

/**
 * The daemon's one ExecStore, per container manager (the exec routes, exec start and the container
 * inspect's ExecIDs share it). Made on first use; a container's execs are forgotten at its `destroy`.
 */
export function execStoreOf(deps: { containers: ContainerManager; events: EventBus }): ExecStore {
  let store = stores.get(deps.containers);
  if (store) return store;
  const made = new ExecStore();
  deps.events.subscribe((msg) => {
    if (msg.Type === 'container' && msg.Action === 'destroy') made.forget(msg.Actor.ID);
  });
  stores.set(deps.containers, made);
  store = made;
  return store;
}
