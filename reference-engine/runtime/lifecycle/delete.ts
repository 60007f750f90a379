import { writeFile } from 'node:fs/promises';
import { NotFound } from '../../errors.js';
import { cgroupPids, removeCgroups } from '../cgroups/container-cgroups.js';
import { runAllHooks } from '../hooks/run-hooks.js';
import { currentStatus } from '../state/current-status.js';
import { containerDir, readState, removeContainerDir } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { runtimeOps } from './external-runtime.js';
import { stateDocument } from './state.js';
import { waitGone } from './wait-gone.js';

const kill9 = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
};

const thaw = (file: string) =>
  writeFile(file, file.endsWith('freezer.state') ? 'THAWED' : '0').catch(() => {});

/** `delete`: a stopped container (or, with force, any: SIGKILL first) loses cgroups and state dir. */
export async function deleteContainer(root: string, id: string, opts?: { force?: boolean }): Promise<void> {
  const s = await readState(root, id).catch(async (err: unknown) => {
    // runc: --force of a container that is not there succeeds (a create cut short may leave its dir)
    if (!(opts?.force && err instanceof NotFound)) throw err;
    await removeContainerDir(containerDir(root, id));
    return undefined;
  });
  if (!s) return;
  const status = await currentStatus(root, s);
  if (!opts?.force) assertCan(id, 'delete', status);
  if (s.runtime) await runtimeOps.delete(s.runtime, id); // kills what runs, removes its state and cgroups
  if (status !== 'stopped' && s.pid > 0) {
    if (status === 'paused' && s.freezeFile) await thaw(s.freezeFile); // frozen tasks cannot die
    for (const pid of await cgroupPids(s.procsFile)) kill9(pid);
    kill9(s.pid);
    await waitGone(s.pid, s.pidStartTime);
  }
  for (let i = 0; i < 50 && (await cgroupPids(s.procsFile)).length > 0; i++) {
    for (const pid of await cgroupPids(s.procsFile)) kill9(pid);
    await new Promise((r) => setTimeout(r, 10));
  }
  await removeCgroups(s.cgroupDirs);
  await removeContainerDir(containerDir(root, id));
  const doc = JSON.stringify(stateDocument(s, 'stopped'));
  for (const failure of await runAllHooks('poststop', s.hooks?.poststop, doc)) process.emitWarning(failure);
}
