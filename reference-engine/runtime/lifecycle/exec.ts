import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgument } from '../../errors.js';
import { loadBundle } from '../config/load-config.js';
import type { OciProcess } from '../config/oci-config.js';
import { validateProcess } from '../config/validate-process.js';
import { record } from '../spec/escape.js';
import { digestIo, digestTerminal } from '../spec/io-digest.js';
import { CLONE_FLAGS } from '../spec/namespaces.js';
import { digestProcess } from '../spec/process-digest.js';
import { currentStatus } from '../state/current-status.js';
import { containerDir, readState } from '../state/state-dir.js';
import { assertCan } from '../state/status.js';
import { EXTRA_FD_BASE, type SpawnedShim, shimExit, spawnShim } from './spawn-shim.js';
import { isLogStdio, pipesStdio, type StdioSpec } from './stdio.js';

const NS_FILES = {
  mnt: 'mount',
  uts: 'uts',
  ipc: 'ipc',
  net: 'network',
  pid: 'pid',
  cgroup: 'cgroup',
  user: 'user',
} as const;

export interface ExecOptions {
  /** Replaces the container's process (config.json `process`); `args` alone keeps the rest. */
  readonly process?: OciProcess;
  readonly args?: readonly string[];
  readonly detach?: boolean;
  readonly pidFile?: string;
  /**
   * 'pipe' streams are relayed by the shim (the process gets real pipes; read them from the
   * ChildProcess of spawnExec). Log mode (a detached exec's output in a json-file log) takes no stdin.
   */
  readonly stdio?: StdioSpec;
  /**
   * A pty for the process (process.terminal): the shim holds the master and relays it to its stdio
   * (stdin from stdio[0], output to stdio[1]; or to the log), and makes `resizeFifo` (a host path that
   * must not exist; removed when the process ends) for `H W` lines (writeResize).
   */
  readonly terminal?: { readonly resizeFifo: string };
  /** A terminal process's pty master goes to this AF_UNIX socket (runc's --console-socket). */
  readonly consoleSocket?: string;
  /** This process's fds 3..3+N-1 become the process's fds 3..3+N-1 (runc's --preserve-fds). */
  readonly preserveFds?: number;
  /** Changes to the process (runc's --env, --cwd, --user, --tty), applied last. */
  readonly overrides?: ProcessOverrides;
}

/** What exec's flags change in the process: env entries replace those of the same name. */
export interface ProcessOverrides {
  readonly env?: readonly string[];
  readonly cwd?: string;
  readonly user?: { readonly uid: number; readonly gid: number };
  readonly terminal?: boolean;
}

function applyOverrides(p: OciProcess, o: ProcessOverrides | undefined): OciProcess {
  if (!o) return p;
  const out: OciProcess = { ...p };
  if (o.env?.length) {
    const names = new Set(o.env.map((e) => e.split('=')[0]));
    out.env = [...(p.env ?? []).filter((e) => !names.has(e.split('=')[0])), ...o.env];
  }
  if (o.cwd) out.cwd = o.cwd;
  if (o.user) out.user = { ...p.user, uid: o.user.uid, gid: o.user.gid };
  if (o.terminal !== undefined) out.terminal = o.terminal;
  return out;
}

/** A started exec: its pid, its shim (with streams for 'pipe' stdio) and its exit status to come. */
export interface StartedExec extends SpawnedShim {
  readonly exit: Promise<number>;
}

/** The namespaces of `pid` that differ from ours, as setns records (user first is the C side's job). */
function joinRecords(pid: number): string {
  let out = '';
  for (const [file, type] of Object.entries(NS_FILES)) {
    const theirs = statSync(`/proc/${pid}/ns/${file}`, { throwIfNoEntry: false })?.ino;
    const ours = statSync(`/proc/self/ns/${file}`, { throwIfNoEntry: false })?.ino;
    if (theirs !== undefined && theirs !== ours)
      out += record('setns', CLONE_FLAGS[type], `/proc/${pid}/ns/${file}`);
  }
  return out;
}

/** The shim's stdio records: a pty relayed to the pipes or the log, the log, a relay of pipes. */
function ioRecords(process: OciProcess, opts: ExecOptions): string {
  const stdio = opts.stdio ?? 'inherit';
  const log = isLogStdio(stdio) ? stdio : undefined;
  if (log?.stdin) throw new InvalidArgument('exec: log mode has no stdin FIFO for an exec (use pipes)');
  if (log && log.terminal !== (opts.terminal !== undefined))
    throw new InvalidArgument('exec: stdio.terminal is given by the terminal option');
  if (opts.consoleSocket && (opts.terminal || !process.terminal))
    throw new InvalidArgument('exec: a console socket is for a terminal process (process.terminal)');
  if (process.terminal && !opts.terminal && !opts.consoleSocket)
    throw new InvalidArgument('exec: process.terminal needs a console socket (the pty master goes there)');
  if (opts.consoleSocket) return digestTerminal(process, { consoleSocket: resolve(opts.consoleSocket) });
  const tty = opts.terminal ? digestTerminal({ ...process, terminal: true }, { relay: true }) : '';
  return (
    tty +
    digestIo({
      logPath: log && resolve(log.logPath),
      resizeFifo: opts.terminal && resolve(opts.terminal.resizeFifo),
      relay: !log && (opts.terminal !== undefined || pipesStdio(stdio)),
    })
  );
}

/**
 * Starts another process in a running container (its namespaces and cgroups, the process settings
 * of config.json unless replaced). Its shim is this process's child: `exit` resolves with the
 * process's status (code, or 128 + signal).
 */
export async function spawnExec(root: string, id: string, opts: ExecOptions): Promise<StartedExec> {
  const s = await readState(root, id);
  assertCan(id, 'exec', await currentStatus(root, s));
  if (!opts.process && !opts.args?.length)
    throw new InvalidArgument('exec: give a command or a process (--process)');
  const base = opts.process ?? (await loadBundle(s.bundle)).config.process;
  const merged = { ...base, ...(opts.args?.length ? { args: [...opts.args] } : {}) } as OciProcess;
  const process = applyOverrides(merged, opts.overrides);
  validateProcess(process);
  const fds = Array.from({ length: opts.preserveFds ?? 0 }, (_, i) => 3 + i);
  let spec = record('shiprun-spec', 1) + record('exec-mode') + record('clone', 0) + joinRecords(s.pid);
  for (const procs of s.procsFiles ?? []) spec += record('cgroup', procs);
  if (fds.length > 0) spec += record('preserve-fds', fds.length, EXTRA_FD_BASE);
  spec += ioRecords(process, opts) + digestProcess(process);
  const dir = containerDir(root, id);
  const spawned: SpawnedShim = await spawnShim(spec, dir, opts.stdio ?? 'inherit', undefined, fds);
  if (opts.pidFile) await writeFile(resolve(opts.pidFile), String(spawned.pid));
  return { ...spawned, exit: shimExit(spawned.shim) };
}

/**
 * `exec`: runs another process in a running container. Foreground: resolves to its exit status;
 * detached: 0 once it runs.
 */
export async function execInContainer(root: string, id: string, opts: ExecOptions): Promise<number> {
  const spawned = await spawnExec(root, id, opts);
  if (opts.detach) {
    spawned.shim.unref();
    return 0;
  }
  return spawned.exit;
}
