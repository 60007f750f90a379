import { ShipshapeError } from '../../errors.js';
import { waitFor } from '../../wait-for.js';
import { type SignalSpec, signalArg } from '../runtime-cli/signal.js';
import { type CtrTarget, ctrCall } from './ctr-call.js';
import { logToFile } from './log-uri.js';
import { parseTable } from './table.js';

/** A row of `ctr tasks ls`: status is CREATED, RUNNING, STOPPED, PAUSED... as ctr prints it. */
export interface CtrTask {
  readonly id: string;
  readonly pid: number;
  readonly status: string;
}

export async function listTasks(t: CtrTarget, opts?: { timeoutMs?: number }): Promise<CtrTask[]> {
  const r = await ctrCall(t, ['tasks', 'ls'], opts);
  return parseTable(r.stdout).map((row) => ({
    id: row.task ?? '',
    pid: Number(row.pid),
    status: row.status ?? '',
  }));
}

export async function startTask(
  t: CtrTarget,
  id: string,
  opts?: { logFile?: string; timeoutMs?: number },
): Promise<void> {
  const io = opts?.logFile ? logToFile(opts.logFile) : ['--null-io'];
  await ctrCall(t, ['tasks', 'start', '--detach', ...io, id], opts);
}

export async function killTask(
  t: CtrTarget,
  id: string,
  signal: SignalSpec = 'SIGTERM',
  opts?: { all?: boolean; timeoutMs?: number },
): Promise<void> {
  await ctrCall(
    t,
    ['tasks', 'kill', '--signal', signalArg(signal), ...(opts?.all ? ['--all'] : []), id],
    opts,
  );
}

/** Deletes a stopped task (or any, with force) and returns its exit status, read from ctr's warning. */
export async function deleteTask(
  t: CtrTarget,
  id: string,
  opts?: { force?: boolean; timeoutMs?: number },
): Promise<number> {
  const r = await ctrCall(t, ['tasks', 'rm', ...(opts?.force ? ['--force'] : []), id], opts);
  return Number(/exit with non-zero exit code (\d+)/.exec(r.stderr)?.[1] ?? 0);
}

/**
 * Waits for a task to exit and returns its exit status. ctr 1.6 has no `tasks wait`, `tasks ls` shows no
 * exit code, and `tasks attach` fails for tasks whose IO is a log file; so this polls `tasks ls` until
 * the task is STOPPED, then deletes the task, which is where ctr reports the status. The container stays.
 */
export async function waitTask(
  t: CtrTarget,
  id: string,
  opts?: { timeoutMs?: number; intervalMs?: number },
): Promise<{ exitCode: number }> {
  return waitFor(
    async ({ leftMs }) => {
      const task = (await listTasks(t, { timeoutMs: Math.max(1000, leftMs) })).find((x) => x.id === id);
      if (!task) throw new ShipshapeError('NOT_FOUND', `ctr: no task ${id} in namespace ${t.namespace}`);
      return task.status === 'STOPPED' && { exitCode: await deleteTask(t, id) };
    },
    {
      timeoutMs: opts?.timeoutMs ?? t.timeoutMs,
      intervalMs: opts?.intervalMs ?? 50,
      describe: `ctr task ${id} to stop`,
      retry: () => false,
    },
  );
}
