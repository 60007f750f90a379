import type { ContainerRecord } from '../../containers/types.js';

export interface ContainerCounts {
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
}

/** /info's counts as dockerd makes them: running (restarting counts as running), paused, the rest stopped. */
export function countContainers(records: readonly ContainerRecord[]): ContainerCounts {
  let running = 0;
  let paused = 0;
  for (const { state } of records) {
    if (state.status === 'paused') paused++;
    else if (state.status === 'running' || state.status === 'restarting') running++;
  }
  return {
    Containers: records.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: records.length - running - paused,
  };
}
