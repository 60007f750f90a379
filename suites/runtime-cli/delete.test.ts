import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import {
  cli,
  createLive,
  leftovers,
  processAlive,
  session,
  stateRootIds,
  uniqueId,
} from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import {
  cgroupDirsOf,
  contract,
  execDetached,
  expectRefusal,
  runLogged,
  startRunning,
  useRuntimeCli,
} from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('delete', ...ids);

const gone = (pid: number) =>
  waitFor(async () => !(await processAlive(pid)), {
    timeoutMs: 10_000,
    intervalMs: 20,
    describe: `${pid} to die`,
  });

describe('delete --force of a running container', () => {
  conformance('kills the init and every other process', opts('delete.force-processes'), async () => {
    const c = await startRunning('dfproc');
    const other = await execDetached(c, ['/bin/probe', 'sleep', '30']);
    await cli().delete(c.id, { force: true });
    await gone(c.pid);
    await gone(other);
  });

  conformance("removes the container's cgroups", opts('delete.force-cgroup'), async () => {
    const c = await startRunning('dfcg');
    const dirs = await cgroupDirsOf(c.pid);
    expect(dirs.length).toBeGreaterThan(0);
    await cli().delete(c.id, { force: true });
    await waitFor(() => dirs.every((d) => !existsSync(d)), {
      timeoutMs: 10_000,
      intervalMs: 20,
      describe: 'the cgroup directories to go',
    });
  });

  conformance('removes the state: state fails and list omits it', opts('delete.force-state'), async () => {
    const c = await startRunning('dfstate');
    await cli().delete(c.id, { force: true });
    expect(stateRootIds(session().workspace.stateRoot)).not.toContain(c.id);
    await expectRefusal(cli().state(c.id));
    expect((await cli().list()).map((e) => e.id)).not.toContain(c.id);
  });

  conformance('removes a created container that never ran', opts('delete.force-created'), async () => {
    const c = await createLive('dfcreated');
    const { pid = 0 } = await cli().state(c.id);
    await cli().delete(c.id, { force: true });
    await gone(pid);
    expect(await leftovers(c.id)).toEqual([]);
  });
});

describe('delete', () => {
  conformance('--force of an id that does not exist succeeds', opts('delete.force-missing'), async () => {
    const r = await runLogged(['delete', '--force', uniqueId('never-made')]);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  conformance('without --force refuses a running container', opts('delete.running-refused'), async () => {
    const c = await startRunning('drunning');
    await expectRefusal(cli().delete(c.id));
    expect((await cli().state(c.id)).status).toBe('running');
    expect(await processAlive(c.pid)).toBe(true);
  });
});
