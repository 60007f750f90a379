import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EngineError, ShipshapeError } from '../../errors.js';
import { pollFor } from '../../wait-for.js';
import type {
  ContainerEngine,
  ContainerLogs,
  ContainerSpec,
  ContainerState,
  ContainerStatus,
  EngineCall,
  ListOptions,
  LoadOptions,
  LoadResult,
  OpenOptions,
  ProcessResult,
  RemoveOptions,
  RunResult,
  StopOptions,
  WaitOptions,
} from '../container-engine/types.js';
import type { Capability, EngineEndpoint } from '../types.js';
import { CONTAINERD_LACKS } from './capabilities.js';
import { ContainerdCtr } from './client.js';
import { createContainer, type ProcessFlags, runContainer } from './containers.js';
import { ctrCall, ctrMessage } from './ctr-call.js';
import { configDigest, exportImages, findImage, importArchive } from './engine-images.js';
import { logToFile } from './log-uri.js';
import { TaskLogs } from './task-logs.js';

/** `ctr tasks ls` status -> container status; a container without a task is created (or exited, see below). */
const STATUS: Readonly<Record<string, ContainerStatus>> = {
  CREATED: 'created',
  RUNNING: 'running',
  PAUSED: 'paused',
  PAUSING: 'paused',
  STOPPED: 'exited',
};

/** The spec's process settings as ctr flags take them. */
const processFlags = (spec: ContainerSpec): ProcessFlags => ({
  ...(spec.workingDir === undefined ? {} : { cwd: spec.workingDir }),
  ...(spec.noNewPrivileges === undefined ? {} : { noNewPrivileges: spec.noNewPrivileges }),
});

/** `key=value` -> ctr's filter `labels."key"==value`. */
const labelFilter = (label: string): string => {
  const eq = label.indexOf('=');
  const [key, value] = eq < 0 ? [label, ''] : [label.slice(0, eq), label.slice(eq + 1)];
  return eq < 0 ? `labels."${key}"` : `labels."${key}"==${value}`;
};

/**
 * containerd through `ctr` (namespace from the endpoint, default `shipshape`) as a ContainerEngine. ctr has
 * no daemon-side logs, wait or exit status, so this client keeps them: a task's output goes to a file of
 * TaskLogs (unless `discardOutput`); `wait` polls `tasks ls` until the task stopped, then deletes the task
 * (where ctr reports the exit status), after which the container counts as exited until started again;
 * `stop` sends the stop signal and SIGKILL after the timeout itself. That state is this instance's.
 */
export class ContainerdEngine implements ContainerEngine {
  readonly name: string;
  readonly family = 'containerd' as const;
  readonly ctr: ContainerdCtr;
  readonly #logs = new TaskLogs();
  readonly #exited = new Set<string>();
  readonly #stopSignals = new Map<string, string>();
  readonly #discarded = new Set<string>();

  constructor(endpoint: EngineEndpoint, opts: OpenOptions & { ctrPath?: string } = {}) {
    this.name = endpoint.name;
    this.ctr = new ContainerdCtr(endpoint, { timeoutMs: opts.timeoutMs ?? 30_000, ctrPath: opts.ctrPath });
  }

  get #t() {
    return this.ctr.target;
  }

  load = (archive: Uint8Array | Readable, opts?: LoadOptions): Promise<LoadResult> =>
    importArchive(this.#t, archive, opts);
  findImage = (ref: string, opts?: EngineCall) => findImage(this.#t, ref, opts);
  imageId = (name: string, opts?: EngineCall) => configDigest(this.#t, name, opts);
  saveImages = (names: readonly string[], file: string, opts?: EngineCall) =>
    exportImages(this.#t, names, file, opts);
  removeImage = (name: string, opts?: RemoveOptions) => this.ctr.removeImage(name, opts);

  async create(spec: ContainerSpec, opts: EngineCall = {}): Promise<string> {
    const id = this.#refuseUnsupported(spec);
    await createContainer(this.#t, id, spec.image, spec.command, {
      labels: spec.labels,
      process: processFlags(spec),
      ...opts,
    });
    if (spec.stopSignal) this.#stopSignals.set(id, spec.stopSignal);
    if (spec.discardOutput) this.#discarded.add(id);
    return id;
  }

  async start(id: string, opts: EngineCall = {}): Promise<void> {
    const io = this.#discarded.has(id) ? ['--null-io'] : logToFile(this.#logs.file(id));
    await ctrCall(this.#t, ['tasks', 'start', '--detach', ...io, id], opts);
    this.#exited.delete(id);
  }

  async stop(id: string, opts: StopOptions = {}): Promise<void> {
    await this.kill(id, this.#stopSignals.get(id) ?? 'SIGTERM', opts);
    const stopped = await pollFor(async () => (await this.inspect(id, opts))?.status !== 'running', {
      timeoutMs: (opts.timeoutS ?? 10) * 1000,
      intervalMs: 100,
      describe: `${id} to stop`,
      retry: () => false,
    });
    if (!stopped) await this.kill(id, 'SIGKILL', opts).catch(() => undefined);
  }

  kill = (id: string, signal = 'SIGKILL', opts?: EngineCall) => this.ctr.kill(id, signal, opts);
  pause = (id: string, opts?: EngineCall) => this.#task('pause', id, opts);
  resume = (id: string, opts?: EngineCall) => this.#task('resume', id, opts);

  async wait(id: string, opts: WaitOptions = {}): Promise<{ exitCode: number }> {
    if (opts.condition === 'removed') throw this.#lacks('containers.auto-remove');
    const r = await this.ctr.wait(id, { timeoutMs: opts.timeoutMs, intervalMs: opts.pollIntervalMs });
    this.#exited.add(id);
    return r;
  }

  /** Without force, `ctr containers rm` (which refuses a container whose task is not stopped). */
  async remove(id: string, opts: RemoveOptions = {}): Promise<void> {
    if (opts.force) await this.ctr.delete(id, { force: true, timeoutMs: opts.timeoutMs });
    else await ctrCall(this.#t, ['containers', 'rm', id], opts);
    this.#exited.delete(id);
    this.#stopSignals.delete(id);
    this.#discarded.delete(id);
    await this.#logs.forget(id);
  }

  async inspect(id: string, opts?: EngineCall): Promise<ContainerState | undefined> {
    const [containers, tasks] = await Promise.all([this.ctr.listContainers(opts), this.ctr.listTasks(opts)]);
    if (!containers.some((c) => c.id === id)) return undefined;
    const task = tasks.find((t) => t.id === id);
    const status = task ? (STATUS[task.status] ?? 'dead') : this.#exited.has(id) ? 'exited' : 'created';
    const pid = task && status !== 'exited' ? task.pid : 0;
    return { status, pid, exitCode: null, restartCount: null };
  }

  async list(opts: ListOptions): Promise<string[]> {
    const r = await ctrCall(this.#t, ['containers', 'ls', '--quiet', labelFilter(opts.label)], opts);
    return r.stdout.split('\n').filter((line) => line.trim() !== '');
  }

  logs = async (id: string): Promise<ContainerLogs> => ({ stdout: await this.#logs.read(id), stderr: '' });

  /** `ctr tasks exec`: a refusal is ctr's own `ctr: …` message; any other exit status is the process's. */
  async exec(id: string, command: readonly string[], opts: EngineCall = {}): Promise<ProcessResult> {
    const execId = `exec-${randomBytes(6).toString('hex')}`;
    const args = ['tasks', 'exec', '--exec-id', execId, id, ...command];
    const r = await ctrCall(this.#t, args, { ...opts, allowFailure: true });
    if (r.exitCode !== 0 && /^ctr: /m.test(r.stderr)) {
      throw new EngineError(r.exitCode, ctrMessage(r.stderr), 'ctr tasks exec');
    }
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }

  /** `ctr run --rm` in the foreground: one ctr call; the output comes from the task's log file. */
  async run(spec: ContainerSpec, opts: EngineCall = {}): Promise<RunResult> {
    const id = this.#refuseUnsupported(spec);
    const logFile = spec.discardOutput ? undefined : this.#logs.file(id);
    try {
      const r = await runContainer(this.#t, id, spec.image, spec.command, {
        rm: true,
        labels: spec.labels,
        process: processFlags(spec),
        logFile,
        timeoutMs: opts.timeoutMs,
      });
      return { id, exitCode: r.exitCode, stdout: await this.#logs.read(id), stderr: '' };
    } finally {
      await this.ctr.delete(id, { force: true }).catch(() => undefined);
      await this.#logs.forget(id);
    }
  }

  alive = (): Promise<boolean> =>
    this.ctr.version().then(
      () => true,
      () => false,
    );

  close = () => this.#logs.close();

  async #task(op: 'pause' | 'resume', id: string, opts?: EngineCall): Promise<void> {
    await ctrCall(this.#t, ['tasks', op, id], opts);
  }

  #lacks(capability: Capability): ShipshapeError {
    const why = CONTAINERD_LACKS[capability];
    return new ShipshapeError('INVALID_INPUT', `${this.name} lacks capability ${capability}: ${why}`);
  }

  /** The container's ID; throws on what ctr cannot do rather than dropping it. */
  #refuseUnsupported(spec: ContainerSpec): string {
    if (spec.restartPolicy && spec.restartPolicy.name !== 'no')
      throw this.#lacks('containers.restart-policy');
    if (spec.autoRemove) throw this.#lacks('containers.auto-remove');
    if (spec.init) throw this.#lacks('containers.init');
    if ((spec.network ?? 'none') !== 'none') throw this.#lacks('networks');
    return spec.name ?? `shipshape-${randomBytes(6).toString('hex')}`;
  }
}
