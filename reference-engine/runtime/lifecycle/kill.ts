import { writeFileSync } from 'node:fs';
import { Conflict } from '../../errors.js';
import { cgroupPids } from '../cgroups/container-cgroups.js';
import { currentStatus } from '../state/current-status.js';
import { readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { runtimeOps } from './external-runtime.js';
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
  const status = await currentStatus(root, s);
  assertCan(id, 'kill', status);
  if (s.runtime)
    return runtimeOps.kill(s.runtime, id, sig, { all: opts?.all === true, paused: status === 'paused' });
  const all = opts?.all ? await cgroupPids(s.procsFile) : [];
  for (const pid of all) send(pid, sig);
  if (!all.includes(s.pid) && !send(s.pid, sig) && !opts?.all)
    throw new Conflict(`container ${id} is not running`);
  // A frozen task dies only once thawed (v1 freezer): SIGKILL thaws a paused container, as runc does.
  if (status === 'paused' && sig === SIGKILL && s.freezeFile) thaw(s.freezeFile);
}

const SIGKILL = 9;

function thaw(file: string): void {
  try {
    writeFileSync(file, file.endsWith('freezer.state') ? 'THAWED' : '0');
  } catch {
    // the cgroup went with the container
  }
}
