import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { cli, OUT, processAlive, rawRuntime, signalsSeen, waitSignal } from '../oci-runtime/support/index.js';
import { conformance, waitFor } from '../support/index.js';
import { contract, execDetached, type Running, startRunning, useRuntimeCli } from './support/index.js';

useRuntimeCli();
const opts = (...ids: string[]) => contract('kill', ...ids);

/** A running container with two more sigwait processes started by exec, each logging to its own file. */
async function withHelpers(label: string): Promise<{ c: Running; logs: string[]; pids: number[] }> {
  const c = await startRunning(label);
  const logs = ['helper-1', 'helper-2'];
  const pids: number[] = [];
  for (const log of logs) {
    pids.push(await execDetached(c, ['/bin/probe', 'sigwait', '--log', `${OUT}/${log}`]));
  }
  await waitFor(
    async () => {
      for (const pid of pids) {
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        if (!/^SigCgt:\s+0*[1-9a-f]/m.test(status)) return false;
      }
      return true;
    },
    { timeoutMs: 10_000, intervalMs: 20, describe: 'the helpers to catch signals' },
  );
  return { c, logs: logs.map((l) => join(c.out, l)), pids };
}

const logged = (file: string) => readFile(file, 'utf8').catch(() => '');

describe('kill --all', () => {
  conformance('sends the signal to every process of the container', opts('kill.all'), async () => {
    const { c, logs } = await withHelpers('kall');
    await cli().kill(c.id, 'SIGUSR1', { all: true });
    expect(await waitSignal(c, 'SIGUSR1')).toEqual(['SIGUSR1']);
    for (const log of logs) {
      await waitFor(async () => (await logged(log)).includes('SIGUSR1'), {
        timeoutMs: 10_000,
        intervalMs: 20,
        describe: `${log} to log SIGUSR1`,
      });
    }
  });

  conformance('with SIGKILL leaves no process in the container', opts('kill.all-stops'), async () => {
    const { c, pids } = await withHelpers('kallkill');
    await cli().kill(c.id, 'SIGKILL', { all: true });
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    for (const pid of [c.pid, ...pids]) {
      await waitFor(async () => !(await processAlive(pid)), {
        timeoutMs: 10_000,
        intervalMs: 20,
        describe: `${pid} to die`,
      });
    }
  });
});

describe('kill without --all', () => {
  conformance('signals the init process only', opts('kill.init-only'), async () => {
    const { c, logs } = await withHelpers('kinit');
    await cli().kill(c.id, 'SIGUSR2');
    await waitSignal(c, 'SIGUSR2');
    // The init has logged it; a helper that got it would have logged it by then too (same delivery path).
    await cli().kill(c.id, 'SIGUSR1', { all: true });
    for (const log of logs) {
      await waitFor(async () => (await logged(log)).includes('SIGUSR1'), {
        timeoutMs: 10_000,
        intervalMs: 20,
        describe: `${log} to log SIGUSR1`,
      });
      expect(await logged(log)).not.toContain('SIGUSR2');
    }
  });

  conformance('sends SIGTERM when no signal is named', opts('kill.default-signal'), async () => {
    const c = await startRunning('kdefault');
    const r = await rawRuntime(['kill', c.id]);
    expect(r.exitCode, r.stderr).toBe(0);
    await cli().waitForStatus(c.id, 'stopped', { timeoutMs: 10_000 });
    expect(await signalsSeen(c)).toEqual(['SIGTERM']);
  });
});
