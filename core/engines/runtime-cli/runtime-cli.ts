import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { OciProcess, OciStatus, RuntimeState } from '../../../spec/oci-runtime.js';
import { EngineError } from '../../errors.js';
import { waitFor } from '../../wait-for.js';
import type { EngineEndpoint } from '../types.js';
import { type ExecFlags, execArgs, type UpdateChange, updateArgs } from './command-args.js';
import { DEFAULT_TIMEOUT_MS } from './describe.js';
import { type EventStream, openEventStream } from './events.js';
import { type BoundedResult, type OutputTarget, runBounded } from './exec.js';
import { logHasError, runtimeErrorMessage } from './log-message.js';
import {
  type FeaturesResult,
  parseEvent,
  parseFeatures,
  parseList,
  parsePids,
  parseState,
  type RuntimeEvent,
  type RuntimeListEntry,
} from './parse.js';
import { type SignalSpec, signalArg } from './signal.js';
import { parseRuntimeVersion, type RuntimeVersion } from './version.js';

export interface CallOptions {
  readonly timeoutMs?: number;
}

/** Container stdio for create / run: not a pipe by default, so a live container never blocks us. */
export interface StdioOptions {
  readonly stdout?: OutputTarget;
  readonly stderr?: OutputTarget;
}

export interface CreateOptions extends CallOptions, StdioOptions {
  readonly pidFile?: string;
  readonly consoleSocket?: string;
}

export interface RunOptions extends CallOptions, StdioOptions {
  readonly detach?: boolean;
}

export interface RunResult {
  /** The container's exit status (foreground run), 0 for a detached run. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions extends CallOptions, StdioOptions, Omit<ExecFlags, 'processFile'> {
  /** The process, written to a process.json passed with `--process` (or give `processFile`). */
  readonly process?: OciProcess;
  readonly processFile?: string;
  /** Open descriptors the runtime gets as fd 3, 4, ... (pair with `preserveFds`). */
  readonly extraFds?: readonly number[];
}

interface Invoke extends CallOptions, StdioOptions {
  /** Return a non-zero exit instead of throwing when the runtime logged no error (foreground run). */
  readonly exitIsResult?: boolean;
  readonly stdinFile?: string;
  readonly extraFds?: readonly number[];
}

/**
 * Drives one runc-compatible binary with its own state root (`--root`).
 * Lifecycle: `await RuntimeCli.open(endpoint)` -> create/start/state/kill/delete or run ... ->
 * `close()`, which force-deletes the containers this instance made and removes the roots it owns.
 */
export class RuntimeCli {
  readonly name: string;
  private seq = 0;
  private readonly made = new Set<string>();

  private constructor(
    readonly endpoint: EngineEndpoint,
    readonly stateRoot: string,
    private readonly logDir: string,
    private readonly ownsRoot: boolean,
    readonly timeoutMs: number,
  ) {
    this.name = basename(endpoint.address);
  }

  static async open(endpoint: EngineEndpoint, opts?: { stateRoot?: string; timeoutMs?: number }) {
    const logDir = await mkdtemp(join(tmpdir(), 'shipshape-rtlog-'));
    const root = opts?.stateRoot ?? (await mkdtemp(join(tmpdir(), 'shipshape-rtroot-')));
    const timeoutMs = opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new RuntimeCli(endpoint, resolve(root), logDir, opts?.stateRoot === undefined, timeoutMs);
  }

  async create(id: string, bundle: string, opts?: CreateOptions): Promise<void> {
    const args = ['create', '--bundle', resolve(bundle)];
    if (opts?.pidFile) args.push('--pid-file', resolve(opts.pidFile));
    if (opts?.consoleSocket) args.push('--console-socket', resolve(opts.consoleSocket));
    this.made.add(id);
    await this.invoke(id, [...args, id], { stdout: 'ignore', stderr: 'ignore', ...opts });
  }

  async start(id: string, opts?: CallOptions): Promise<void> {
    await this.invoke(id, ['start', id], opts);
  }

  async state(id: string, opts?: CallOptions): Promise<RuntimeState> {
    return parseState((await this.invoke(id, ['state', id], opts)).stdout, `${this.name} state ${id}`);
  }

  async kill(id: string, signal: SignalSpec = 'SIGTERM', opts?: CallOptions & { all?: boolean }) {
    await this.invoke(id, ['kill', ...(opts?.all ? ['--all'] : []), id, signalArg(signal)], opts);
  }

  async delete(id: string, opts?: CallOptions & { force?: boolean }): Promise<void> {
    await this.invoke(id, ['delete', ...(opts?.force ? ['--force'] : []), id], opts);
    this.made.delete(id);
  }

  async run(id: string, bundle: string, opts?: RunOptions): Promise<RunResult> {
    const args = ['run', '--bundle', resolve(bundle), ...(opts?.detach ? ['--detach'] : []), id];
    const stdio: StdioOptions = opts?.detach ? { stdout: 'ignore', stderr: 'ignore' } : {};
    this.made.add(id);
    const r = await this.invoke(id, args, { ...stdio, ...opts, exitIsResult: !opts?.detach });
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  /**
   * `exec` (runc-exec(8)): another process in the container. Foreground: `exitCode` is the process's
   * status and its output is captured; detached (`detach`): 0 once it runs, output discarded.
   */
  async exec(id: string, opts: ExecOptions): Promise<RunResult> {
    let processFile = opts.processFile;
    if (opts.process) {
      processFile = join(this.logDir, `${++this.seq}-process.json`);
      await writeFile(processFile, JSON.stringify(opts.process));
    }
    const args = execArgs(id, { ...opts, processFile, pidFile: opts.pidFile && resolve(opts.pidFile) });
    const stdio: StdioOptions = opts.detach ? { stdout: 'ignore', stderr: 'ignore' } : {};
    try {
      const r = await this.invoke(id, args, { ...stdio, ...opts, exitIsResult: !opts.detach });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    } finally {
      if (opts.process && processFile) await rm(processFile, { force: true });
    }
  }

  async pause(id: string, opts?: CallOptions): Promise<void> {
    await this.invoke(id, ['pause', id], opts);
  }

  async resume(id: string, opts?: CallOptions): Promise<void> {
    await this.invoke(id, ['resume', id], opts);
  }

  /** `ps --format json`: the host pids of the container's processes. */
  async ps(id: string, opts?: CallOptions): Promise<number[]> {
    const r = await this.invoke(id, ['ps', '--format', 'json', id], opts);
    return parsePids(r.stdout, `${this.name} ps ${id}`);
  }

  /** `update` (runc-update(8)) with resource flags or a resources document (file or stdin). */
  async update(id: string, change: UpdateChange, opts?: CallOptions): Promise<void> {
    let file: string | undefined;
    if ('resources' in change) {
      file = join(this.logDir, `${++this.seq}-resources.json`);
      await writeFile(file, JSON.stringify(change.resources));
    }
    // `--resources -` reads stdin: given as the file itself, as a shell redirect would.
    const stdinFile = 'resources' in change && change.via === 'stdin' ? file : undefined;
    try {
      await this.invoke(id, updateArgs(id, change, file), { ...opts, stdinFile });
    } finally {
      if (file) await rm(file, { force: true });
    }
  }

  /** `events --stats`: one stats event of the container, then the command exits. */
  async stats(id: string, opts?: CallOptions): Promise<RuntimeEvent> {
    const r = await this.invoke(id, ['events', '--stats', id], opts);
    return parseEvent(r.stdout.trim(), `${this.name} events --stats ${id}`);
  }

  /** `events --interval`: a live stream of the container's events (see EventStream); close it. */
  events(id: string, opts: { intervalMs: number; deadlineMs?: number }): EventStream {
    const args = [...this.globalArgs(), 'events', '--interval', `${opts.intervalMs}ms`, id];
    const what = `${this.name} events ${id}`;
    return openEventStream(this.endpoint.address, args, { what, deadlineMs: opts.deadlineMs ?? 30_000 });
  }

  /** `features` (runtime-spec features.md); runtimes without the command report `supported: false`. */
  async features(opts?: CallOptions): Promise<FeaturesResult> {
    const timeoutMs = opts?.timeoutMs ?? this.timeoutMs;
    const what = `${this.name} features`;
    const r = await runBounded(this.endpoint.address, [...this.globalArgs(), 'features'], {
      what,
      timeoutMs,
    });
    return parseFeatures(r);
  }

  async list(opts?: CallOptions): Promise<RuntimeListEntry[]> {
    return parseList((await this.invoke('', ['list', '--format', 'json'], opts)).stdout, `${this.name} list`);
  }

  async version(opts?: CallOptions): Promise<RuntimeVersion> {
    const timeoutMs = opts?.timeoutMs ?? this.timeoutMs;
    const what = `${this.name} --version`;
    const r = await runBounded(this.endpoint.address, [...(this.endpoint.args ?? []), '--version'], {
      what,
      timeoutMs,
    });
    if (r.exitCode !== 0) throw new EngineError(r.exitCode, runtimeErrorMessage('', r.stderr) ?? '', what);
    return parseRuntimeVersion(r.stdout, this.name);
  }

  /** Polls `state` until the status matches, within a bounded deadline (default: the call timeout). */
  async waitForStatus(id: string, status: OciStatus, opts?: { timeoutMs?: number; intervalMs?: number }) {
    return waitFor(
      async ({ leftMs }) => {
        const s = await this.state(id, { timeoutMs: Math.max(1000, leftMs) });
        return s.status === status && s;
      },
      {
        timeoutMs: opts?.timeoutMs ?? this.timeoutMs,
        intervalMs: opts?.intervalMs ?? 20,
        describe: `${this.name} container ${id} to be ${status}`,
        retry: () => false,
      },
    );
  }

  /** Force-deletes what this instance made (ignoring errors) and removes the directories it owns. */
  async close(): Promise<void> {
    for (const id of this.made) await this.delete(id, { force: true, timeoutMs: 10_000 }).catch(() => {});
    this.made.clear();
    await rm(this.logDir, { recursive: true, force: true });
    if (this.ownsRoot) await rm(this.stateRoot, { recursive: true, force: true });
  }

  private globalArgs(): string[] {
    return [...(this.endpoint.args ?? []), '--root', this.stateRoot];
  }

  private async invoke(id: string, args: string[], opts?: Invoke): Promise<BoundedResult> {
    const op = args[0] ?? '';
    const log = join(this.logDir, `${++this.seq}-${op}.json`);
    const full = [...this.globalArgs(), '--log', log, '--log-format', 'json', ...args];
    const what = `${this.name} ${op}`;
    const timeoutMs = opts?.timeoutMs ?? this.timeoutMs;
    const r = await runBounded(this.endpoint.address, full, {
      what,
      timeoutMs,
      ...pickStdio(opts),
      ...(opts?.stdinFile ? { stdinFile: opts.stdinFile } : {}),
      ...(opts?.extraFds ? { extraFds: opts.extraFds } : {}),
    });
    const logText = await readFile(log, 'utf8').catch(() => '');
    await rm(log, { force: true });
    if (r.exitCode === 0 || (opts?.exitIsResult && !logHasError(logText))) return r;
    const message = runtimeErrorMessage(logText, r.stderr) ?? `exited with ${r.exitCode}`;
    throw new EngineError(r.exitCode, message, id ? `${what} ${id}` : what);
  }
}

const pickStdio = (o?: StdioOptions): StdioOptions => ({ stdout: o?.stdout, stderr: o?.stderr });
