import { writeFile } from 'node:fs/promises';
import { Conflict } from '../../errors.js';
import { cgroupPids } from '../cgroups/container-cgroups.js';
import { currentStatus } from '../state/current-status.js';
import { readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { runtimeOps } from './external-runtime.js';

async function freeze(root: string, id: string, frozen: boolean): Promise<void> {
  const s = await readState(root, id);
  assertCan(id, frozen ? 'pause' : 'resume', await currentStatus(root, s));
  if (s.runtime) return runtimeOps.freeze(s.runtime, id, frozen);
  if (!s.freezeFile) throw new Conflict(`container ${id} has no freezer cgroup`);
  const v1 = s.freezeFile.endsWith('freezer.state');
  await writeFile(s.freezeFile, v1 ? (frozen ? 'FROZEN' : 'THAWED') : frozen ? '1' : '0');
}

/** `pause`: freezes every process of a running container (cgroup freezer). */
export const pauseContainer = (root: string, id: string): Promise<void> => freeze(root, id, true);

/** `resume`: thaws a paused container. */
export const resumeContainer = (root: string, id: string): Promise<void> => freeze(root, id, false);

/** `ps`: the host pids of the container's processes. */
export async function containerPids(root: string, id: string): Promise<number[]> {
  const s = await readState(root, id);
  return (await cgroupPids(s.procsFile)).sort((a, b) => a - b);
}
