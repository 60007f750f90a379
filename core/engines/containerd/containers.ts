import { EngineError, ShipshapeError } from '../../errors.js';
import { type CtrTarget, ctrCall, ctrMessage } from './ctr-call.js';
import { logToFile } from './log-uri.js';
import { parseTable } from './table.js';
import { deleteTask, listTasks } from './tasks.js';

export type EnvSpec = Readonly<Record<string, string>> | readonly string[];

export interface CtrRunOptions {
  /** `--detach`: return once the task started (its output goes to `logFile` or /dev/null). */
  readonly detach?: boolean;
  /** `--rm`: remove the container when the task exits (foreground only; ctr refuses it with detach). */
  readonly rm?: boolean;
  readonly env?: EnvSpec;
  readonly labels?: Readonly<Record<string, string>>;
  /** Absolute path; the task's stdout and stderr are appended there (see log-uri.ts). */
  readonly logFile?: string;
  readonly timeoutMs?: number;
  /** `--cwd`, `--allow-new-privs` (ctr sets no_new_privs by default): see ProcessFlags. */
  readonly process?: ProcessFlags;
}

/** Process settings ctr run and ctr containers create both take. */
export interface ProcessFlags {
  /** `--cwd`: the process's working directory. */
  readonly cwd?: string;
  /** false: `--allow-new-privs` (ctr sets no_new_privs unless told otherwise). */
  readonly noNewPrivileges?: boolean;
}

const processArgs = (p?: ProcessFlags): string[] => [
  ...(p?.cwd === undefined ? [] : ['--cwd', p.cwd]),
  ...(p?.noNewPrivileges === false ? ['--allow-new-privs'] : []),
];

export interface CtrRunResult {
  /** Container exit status for a foreground run, 0 for a detached one. */
  readonly exitCode: number;
  /** The container's output for a foreground run without logFile. */
  readonly stdout: string;
  readonly stderr: string;
}

/** A row of `ctr containers ls`. */
export interface CtrContainer {
  readonly id: string;
  readonly image: string;
  readonly runtime: string;
}

const envArgs = (env?: EnvSpec): string[] => {
  const pairs = Array.isArray(env) ? env : Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.flatMap((p: string) => ['--env', p]);
};

const labelArgs = (labels?: Readonly<Record<string, string>>): string[] =>
  Object.entries(labels ?? {}).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

/** `ctr run`: process args follow the id verbatim (ctr run neither parses them nor strips `--`). */
export async function runContainer(
  t: CtrTarget,
  id: string,
  image: string,
  args: readonly string[],
  opts?: CtrRunOptions,
): Promise<CtrRunResult> {
  if (opts?.detach && opts.rm)
    throw new ShipshapeError('INVALID_INPUT', 'ctr run: rm cannot be combined with detach');
  const io = opts?.logFile ? logToFile(opts.logFile) : opts?.detach ? ['--null-io'] : [];
  const flags = [
    ...(opts?.detach ? ['--detach'] : []),
    ...(opts?.rm ? ['--rm'] : []),
    ...envArgs(opts?.env),
    ...labelArgs(opts?.labels),
    ...processArgs(opts?.process),
    ...io,
  ];
  const r = await ctrCall(t, ['run', ...flags, image, id, ...args], { ...opts, allowFailure: true });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  if (r.exitCode !== 0 && (opts?.detach || last.startsWith('ctr: '))) {
    throw new EngineError(r.exitCode, ctrMessage(r.stderr), `ctr run ${id}`);
  }
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

/** `ctr containers create IMAGE ID -- ARGS` (here `--` is needed so `sh -c` is not read as ctr's -c). */
export async function createContainer(
  t: CtrTarget,
  id: string,
  image: string,
  args: readonly string[],
  opts?: {
    env?: EnvSpec;
    labels?: Readonly<Record<string, string>>;
    process?: ProcessFlags;
    timeoutMs?: number;
  },
): Promise<void> {
  const flags = [...envArgs(opts?.env), ...labelArgs(opts?.labels), ...processArgs(opts?.process)];
  await ctrCall(t, ['containers', 'create', ...flags, image, id, '--', ...args], opts);
}

/** Removes the task (killing it first with force) and then the container and its snapshot. */
export async function deleteContainer(
  t: CtrTarget,
  id: string,
  opts?: { force?: boolean; timeoutMs?: number },
): Promise<void> {
  if ((await listTasks(t, opts)).some((task) => task.id === id)) await deleteTask(t, id, opts);
  await ctrCall(t, ['containers', 'rm', id], opts);
}

export async function listContainers(t: CtrTarget, opts?: { timeoutMs?: number }): Promise<CtrContainer[]> {
  const r = await ctrCall(t, ['containers', 'ls'], opts);
  return parseTable(r.stdout).map((row) => ({
    id: row.container ?? '',
    image: row.image ?? '',
    runtime: row.runtime ?? '',
  }));
}
