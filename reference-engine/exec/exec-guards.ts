import type { ContainerRecord } from '../containers/types.js';
import { Conflict } from '../errors.js';

/** dockerd's refusals of an exec on a container that does not run it now (409). */
export function assertCanExec(record: ContainerRecord): void {
  switch (record.state.status) {
    case 'running':
      return;
    case 'paused':
      throw new Conflict(`Container ${record.id} is paused, unpause the container before exec`);
    case 'restarting':
      throw new Conflict(`Container ${record.id} is restarting, wait until the container is running`);
    default:
      throw new Conflict(`Container ${record.id} is not running`);
  }
}
