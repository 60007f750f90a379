import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Conflict, InvalidArgument, NotFound, type ReferenceEngineError } from '../../errors.js';
import { cgroupPath } from '../cgroups/container-cgroups.js';
import { CGROUP_ROOT, isUnified, v1Hierarchies } from '../cgroups/hierarchies.js';
import { loadBundle } from '../config/load-config.js';
import type { OciConfig } from '../config/oci-config.js';
import { record } from '../spec/escape.js';
import { digestIo, digestTerminal } from '../spec/io-digest.js';
import { processStartTime } from '../state/process-info.js';
import {
  checkId,
  makeContainerDir,
  removeContainerDir,
  type StoredState,
  writeState,
} from '../state/state-dir.js';
import type { CreatedContainer, CreateOptions } from './create.js';
import { spawnShim } from './spawn-shim.js';
import { isLogStdio } from './stdio.js';
import { RESIZE_FIFO, STDIN_FIFO } from './stdio-paths.js';

/**
 * An OCI runtime CLI that creates and runs containers itself (runc, crun, any runc-compatible binary),
 * as dockerd's --add-runtime: its own state under `root` (its --root), kept apart from shiprun's.
 *
 * The design: the runtime creates the container and owns its namespaces, cgroups and hooks; our shim
 * stays the container's parent. `shiprun-init runtime-shim` runs `RUNTIME create` with the container's
 * stdio as its own pipes and, as a subreaper, adopts the init once that command exits; from then on it
 * logs the output to the json-file, feeds stdin, resizes the pty and records the exit in our state dir,
 * exactly as for a container it cloned. start, kill, pause, resume and delete are the runtime's
 * commands (dispatched on `StoredState.runtime` by the library's own functions); state, exec, top and
 * stats read the same pid and cgroups as for shiprun's own containers.
 */
export interface ExternalRuntime {
  /** The binary: a path, or a name looked up on PATH. */
  readonly path: string;
  /** Its --root. */
  readonly root: string;
}

const CLI_TIMEOUT_MS = 60_000;

/** The runtime's message for a failed command: its last `error`-level json log line, else stderr. */
function failureText(stderr: string, logFile?: string): string {
  const logged = logFile && existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  const lines = `${logged}\n${stderr}`.split('\n').filter((l) => l.trim() !== '');
  for (const line of lines.reverse()) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string };
      if (entry.level === 'error' && entry.msg) return entry.msg;
    } catch {
      return line.trim();
    }
  }
  return 'no message';
}

/** The engine error for a runtime command's failure, by what its message says. */
function runtimeError(what: string, message: string): ReferenceEngineError {
  const text = `${what}: ${message}`;
  if (/does not exist|not found|no such container/i.test(message)) return new NotFound(text);
  if (/not running|is stopped|not paused|not created|cannot (start|kill|pause|resume)/i.test(message))
    return new Conflict(text);
  return new InvalidArgument(text);
}

/** `RUNTIME --root=ROOT ARGS...`, bounded in time; its failure as a NotFound, Conflict or InvalidArgument. */
export function runtimeCli(rt: ExternalRuntime, args: readonly string[]): Promise<void> {
  const argv = [`--root=${rt.root}`, ...args];
  return new Promise((resolve, reject) => {
    execFile(rt.path, argv, { timeout: CLI_TIMEOUT_MS }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const message = (err as NodeJS.ErrnoException).code === 'ENOENT' ? err.message : failureText(stderr);
      reject(runtimeError(`${rt.path} ${args.join(' ')}`, message));
    });
  });
}

/** The container's cgroup files where the runtime made them (only those that exist after its create). */
function cgroupFiles(
  id: string,
  config: OciConfig,
): Pick<StoredState, 'procsFiles' | 'procsFile' | 'freezeFile'> {
  const path = cgroupPath(id, config);
  if (isUnified()) {
    const dir = join(CGROUP_ROOT, path);
    return {
      procsFiles: [join(dir, 'cgroup.procs')],
      procsFile: join(dir, 'cgroup.procs'),
      freezeFile: join(dir, 'cgroup.freeze'),
    };
  }
  const byController = new Map<string, string>();
  const procsFiles: string[] = [];
  for (const h of v1Hierarchies()) {
    const dir = join(h.mountPoint, path);
    if (!existsSync(join(dir, 'cgroup.procs'))) continue;
    for (const c of h.controllers) byController.set(c, dir);
    procsFiles.push(join(dir, 'cgroup.procs'));
  }
  const any = byController.get('pids') ?? byController.get('freezer');
  const freezer = byController.get('freezer');
  return {
    procsFiles,
    procsFile: any ? join(any, 'cgroup.procs') : procsFiles[0],
    freezeFile: freezer && join(freezer, 'freezer.state'),
  };
}

/** A console socket path short enough for sun_path (the state dir may be too deep for 108 bytes). */
const consoleSocketPath = (id: string): string =>
  join(tmpdir(), `shiprun-console-${id.slice(0, 12)}-${process.pid}-${Date.now() % 1e6}.sock`);

/**
 * `create` through an external runtime: our state dir (state, exit record, stdin and resize FIFOs)
 * and our shim around `RUNTIME create`. Log mode only (the daemon's). Any failure removes our state
 * dir and the runtime's container.
 */
export async function createWithRuntime(opts: CreateOptions, rt: ExternalRuntime): Promise<CreatedContainer> {
  checkId(opts.id);
  const io = opts.stdio;
  if (!isLogStdio(io)) throw new InvalidArgument('an external runtime runs containers in log mode only');
  const bundle = await loadBundle(opts.bundle);
  const terminal = bundle.config.process?.terminal === true;
  if (io.terminal !== terminal)
    throw new InvalidArgument(
      `stdio.terminal (${io.terminal}) must match config.json process.terminal (${terminal})`,
    );
  const dir = await makeContainerDir(opts.root, opts.id);
  const pidFile = join(dir, 'runtime.pid');
  const log = join(dir, 'runtime.log');
  const consoleSocket = terminal ? consoleSocketPath(opts.id) : undefined;
  const state: StoredState = {
    ociVersion: bundle.config.ociVersion,
    id: opts.id,
    status: 'creating',
    pid: 0,
    bundle: bundle.dir,
    rootfs: bundle.rootfs,
    created: new Date().toISOString(),
    owner: '',
    annotations: bundle.config.annotations,
    cgroupDirs: [], // the runtime's: its delete removes them
    runtime: { path: rt.path, root: rt.root },
  };
  const argv = [
    rt.path,
    `--root=${rt.root}`,
    `--log=${log}`,
    '--log-format=json',
    'create',
    '--bundle',
    bundle.dir,
    '--pid-file',
    pidFile,
    ...(consoleSocket ? ['--console-socket', consoleSocket] : []),
    opts.id,
  ];
  const spec =
    record('shiprun-spec', 1) +
    record('exec-mode') +
    digestTerminal(bundle.config.process, { relay: true }) +
    digestIo({
      logPath: io.logPath,
      stdinFifo: io.stdin ? join(dir, STDIN_FIFO) : undefined,
      stdinOnce: io.stdinOnce,
      resizeFifo: terminal ? join(dir, RESIZE_FIFO) : undefined,
    }) +
    argv.map((a) => record('arg', a)).join('');
  try {
    await writeState(dir, state);
    const spawned = await spawnShim(
      spec,
      dir,
      'ignore',
      undefined,
      [],
      ['runtime-shim', 'fd:5', dir, pidFile, consoleSocket ?? '-'],
      opts.launcher,
    ).catch((err: unknown) => {
      throw new InvalidArgument(`${(err as Error).message}: ${failureText('', log)}`);
    });
    Object.assign(state, cgroupFiles(opts.id, bundle.config), {
      status: 'created',
      pid: spawned.pid,
      shimPid: spawned.shim.pid,
      pidStartTime: processStartTime(spawned.pid),
      shimStartTime: spawned.shim.pid === undefined ? undefined : processStartTime(spawned.shim.pid),
    });
    await writeState(dir, state);
    return { id: opts.id, dir, ...spawned };
  } catch (err) {
    await runtimeCli(rt, ['delete', '--force', opts.id]).catch(() => {});
    await removeContainerDir(dir);
    throw err;
  }
}

/** `start`, `kill`, `pause`/`resume`, `delete` of a container an external runtime made. */
export const runtimeOps = {
  start: (rt: ExternalRuntime, id: string) => runtimeCli(rt, ['start', id]),
  /** A paused container is thawed after a SIGKILL, as shiprun does: frozen tasks die only once thawed. */
  kill: async (rt: ExternalRuntime, id: string, signal: number, opts: { all: boolean; paused: boolean }) => {
    await runtimeCli(rt, ['kill', ...(opts.all ? ['--all'] : []), id, String(signal)]);
    if (opts.paused && signal === 9) await runtimeCli(rt, ['resume', id]).catch(() => {});
  },
  freeze: (rt: ExternalRuntime, id: string, frozen: boolean) =>
    runtimeCli(rt, [frozen ? 'pause' : 'resume', id]),
  /** Force-deletes; a container the runtime no longer has is fine. */
  delete: (rt: ExternalRuntime, id: string) =>
    runtimeCli(rt, ['delete', '--force', id]).catch((err: unknown) => {
      if (!(err instanceof NotFound)) throw err;
    }),
};
