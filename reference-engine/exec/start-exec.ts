import { closeSync } from 'node:fs';
import { join } from 'node:path';
import { openRoot, readSmallFileInRoot } from '../archive/in-root.js';
import { eventAttributes } from '../containers/context.js';
import type { ContainerManager } from '../containers/types.js';
import type { EventBus } from '../events/types.js';
import { loadBundle } from '../runtime/config/load-config.js';
import { type StartedExec, spawnExec } from '../runtime/lifecycle/exec.js';
import type { StdioTarget } from '../runtime/lifecycle/stdio.js';
import { readState } from '../runtime/state/state-dir.js';
import { assertCanExec } from './exec-guards.js';
import { type ExecBase, execProcess } from './exec-process.js';
import type { ExecRecord } from './types.js';

export interface ExecDeps {
  containers: ContainerManager;
  events: EventBus;
}

/** How the exec's stdio reaches shipd: pipes for the attached streams, or nothing (detached). */
export type ExecIo = 'pipes' | 'detached';

/**
 * Runs an exec's process in its container (through the runtime library, as the shim's child): the
 * record becomes `running` with its pid, and `exited` with its status when the process ends (events
 * exec_start and exec_die as dockerd's). A process that cannot start is recorded as exited with 126
 * (127 when the command is not found) and the error is thrown: dockerd's "OCI runtime exec failed".
 */
export async function startExec(deps: ExecDeps, exec: ExecRecord, io: ExecIo): Promise<StartedExec> {
  const record = deps.containers.get(exec.containerId);
  assertCanExec(record);
  const ref = deps.containers.runtimeRef(record.id);
  const s = exec.settings;
  const resizeFifo = s.tty ? join(ref.stateDir, `exec-${exec.id.slice(0, 24)}.resize`) : undefined;
  const emit = (action: string, extra: Record<string, string> = {}) =>
    deps.events.publish({
      type: 'container',
      action,
      id: record.id,
      attributes: eventAttributes(record, { execID: exec.id, ...extra }),
    });
  let started: StartedExec;
  try {
    const process = execProcess(await execBase(deps, record.id), s);
    started = await spawnExec(ref.root, ref.id, {
      process,
      stdio: io === 'pipes' ? pipes(s) : ['ignore', 'ignore', 'ignore'],
      ...(resizeFifo && { terminal: { resizeFifo } }),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    exec.status = 'exited';
    exec.exitCode = /not found|no such file/i.test(message) ? 127 : 126;
    throw new Error(`OCI runtime exec failed: ${message}`, { cause: err });
  }
  exec.status = 'running';
  exec.pid = started.pid;
  if (resizeFifo) exec.resizeFifo = resizeFifo;
  emit(`exec_start: ${s.cmd.join(' ')}`);
  if (io === 'detached') started.shim.unref();
  void started.exit.then((code) => {
    exec.status = 'exited';
    exec.exitCode = code;
    delete exec.resizeFifo;
    emit('exec_die', { exitCode: String(code) });
  });
  return started;
}

/** stdin a pipe only when attached; a TTY's output all comes on stdout. */
function pipes(s: ExecRecord['settings']): [StdioTarget, StdioTarget, StdioTarget] {
  return [s.attachStdin ? 'pipe' : 'ignore', 'pipe', s.tty ? 'ignore' : 'pipe'];
}

/** The container's process and hostname (its OCI config) and its /etc/passwd and /etc/group. */
async function execBase(deps: ExecDeps, id: string): Promise<ExecBase> {
  const ref = deps.containers.runtimeRef(id);
  const { config } = await loadBundle((await readState(ref.root, ref.id)).bundle);
  const record = deps.containers.get(id);
  const rootFd = openRoot(deps.containers.rootfsPath(id));
  try {
    const passwd = readSmallFileInRoot(rootFd, '/etc/passwd');
    const group = readSmallFileInRoot(rootFd, '/etc/group');
    return {
      process: config.process ?? { user: { uid: 0, gid: 0 }, args: [], cwd: '/' },
      config: record.config,
      hostname: config.hostname ?? record.config.Hostname ?? '',
      ...(passwd !== undefined && { passwd }),
      ...(group !== undefined && { group }),
    };
  } finally {
    closeSync(rootFd);
  }
}
