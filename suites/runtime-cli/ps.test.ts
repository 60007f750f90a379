import { readFile } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { parsePids } from '../../core/engines/runtime-cli/parse.js';
import { cli, nsOf, rawRuntime } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import { cgroupDirsOf, contract, execDetached, startRunning, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('ps', ...ids);

describe('ps', () => {
  conformance('--format json prints the host pid of the init as a JSON array', opts('ps.json'), async () => {
    const c = await startRunning('psjson');
    const r = await rawRuntime(['ps', '--format', 'json', c.id]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parsePids(r.stdout, 'ps')).toEqual([c.pid]);
  });

  conformance('lists the processes started by exec as well', opts('ps.all-processes'), async () => {
    const c = await startRunning('psexec');
    const a = await execDetached(c, ['/bin/probe', 'sleep', '30']);
    const b = await execDetached(c, ['/bin/probe', 'sleep', '31']);
    expect((await cli().ps(c.id)).sort()).toEqual([c.pid, a, b].sort());
  });

  conformance('lists the children of the container processes', opts('ps.all-processes'), async () => {
    const c = await startRunning('pschild');
    // probe sh runs `sleep` in a child process: two new pids, the shell and its child.
    await execDetached(c, ['/bin/probe', 'sh', '-c', 'sleep 30']);
    await waitFor(async () => (await cli().ps(c.id)).length === 3, {
      timeoutMs: 5000,
      intervalMs: 20,
      describe: 'the shell and its child in ps',
    });
  });

  conformance('lists only processes of the container', opts('ps.only-container'), async () => {
    const c = await startRunning('psonly');
    await execDetached(c, ['/bin/probe', 'sleep', '30']);
    const dirs = (await cgroupDirsOf(c.pid)).sort();
    const pids = await cli().ps(c.id);
    expect(pids).not.toContain(process.pid);
    for (const pid of pids) {
      expect(nsOf(pid, 'pid'), `pid ${pid} namespace`).toBe(nsOf(c.pid, 'pid'));
      expect((await cgroupDirsOf(pid)).sort(), `pid ${pid} cgroups`).toEqual(dirs);
    }
  });

  conformance('a stopped container lists no processes', opts('ps.stopped'), async () => {
    const c = await startRunning('psstopped');
    await cli().kill(c.id, 'SIGTERM');
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    const r = await rawRuntime(['ps', '--format', 'json', c.id]);
    // runc answers `null` with exit 0; an error is fine too, a pid is not.
    if (r.exitCode === 0) expect(parsePids(r.stdout, 'ps')).toEqual([]);
  });

  conformance('the table format has a PID column holding the host pids', opts('ps.table'), async () => {
    const c = await startRunning('pstable');
    const r = await rawRuntime(['ps', c.id]);
    expect(r.exitCode, r.stderr).toBe(0);
    const [header = '', ...rows] = r.stdout.trim().split('\n');
    const column = header.trim().split(/\s+/).indexOf('PID');
    expect(column, `a PID column in ${header}`).toBeGreaterThanOrEqual(0);
    expect(rows.map((row) => Number(row.trim().split(/\s+/)[column]))).toContain(c.pid);
  });

  conformance('a process that exited is no longer listed', opts('ps.all-processes'), async () => {
    const c = await startRunning('psgone');
    const pid = await execDetached(c, ['/bin/probe', 'sleep', '0.2']);
    await waitFor(async () => !(await cli().ps(c.id)).includes(pid), {
      timeoutMs: 5000,
      intervalMs: 20,
      describe: `${pid} to leave ps`,
    });
    expect(await cli().ps(c.id)).toEqual([c.pid]);
    expect(await readFile(`/proc/${c.pid}/cmdline`, 'utf8')).toContain('probe');
  });
});
