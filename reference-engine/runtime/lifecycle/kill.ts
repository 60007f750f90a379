import { Conflict } from '../../errors.js';
import { cgroupPids } from '../cgroups/container-cgroups.js';
import { currentStatus } from '../state/current-status.js';
import { readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { parseSignal } from './signals.js';

const send = (pid: number, sig: number): boolean => {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
};

/** `kill`: signals the init (created or running), or with `all` every process in its cgroup. */
export async function killContainer(
  root: string,
  id: string,
  signal: string | number = 'SIGTERM',
  opts?: { all?: boolean },
): Promise<void> {
  const sig = parseSignal(signal);
  const s = await readState(root, id);
  assertCan(id, 'kill', await currentStatus(root, s));
  if (opts?.all) for (const pid of await cgroupPids(s.procsFile)) send(pid, sig);
  if (!send(s.pid, sig) && !opts?.all) throw new Conflict(`container ${id} is not running`);
}
