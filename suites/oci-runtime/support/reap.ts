import { readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../../support/index.js';
import { cgroupsNamed } from './host.js';

/**
 * Last resort when the runtime could not clean up (killed mid-create by a call timeout, or a delete
 * that did nothing): thaws and SIGKILLs what is left in the cgroups named after `prefix` (this run's
 * ids), then removes those cgroup directories, deepest first. Never throws.
 */
export async function reapCgroups(prefix: string): Promise<void> {
  const dirs = (await cgroupsNamed(prefix)).sort((a, b) => b.length - a.length);
  // A frozen task dies only once thawed: a paused container left behind is thawed first.
  for (const dir of dirs) {
    await writeFile(join(dir, 'freezer.state'), 'THAWED').catch(() => {});
    await writeFile(join(dir, 'cgroup.freeze'), '0').catch(() => {});
  }
  for (const dir of dirs) {
    const procs = await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
    for (const pid of procs.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  for (const dir of dirs) {
    const gone = () =>
      rmdir(dir).then(
        () => true,
        (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
      );
    await waitFor(gone, { timeoutMs: 5000, intervalMs: 20, describe: `cgroup ${dir} to empty` }).catch(
      () => {},
    );
  }
}
