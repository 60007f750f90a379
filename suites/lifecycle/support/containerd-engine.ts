import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerdCtr } from '../../../core/engines/containerd/client.js';
import { ctrCall, ctrMessage } from '../../../core/engines/containerd/ctr-call.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { fixtureImage, loadIntoContainerd } from '../../../fixtures/images/index.js';
import type {
  ContainerSpec,
  LifecycleEngine,
  LifecycleFeatures,
  LifecycleStatus,
  StateView,
} from './engine.js';
import { LifecycleRejection, REMOVED } from './engine.js';
import { SUITE_LABEL, uniqueName } from './names.js';
import { rejecting } from './rejecting.js';

const no = (reason: string) => ({ supported: false, reason });

const FEATURES: LifecycleFeatures = {
  pause: { supported: true },
  exec: { supported: true },
  stopTimeout: no(
    'ctr has no stop with a grace period (only tasks kill); a SIGTERM-then-SIGKILL done by the adapter would test the adapter, not containerd',
  ),
  restartPolicies: no('containerd through ctr has no restart policies (Docker HostConfig.RestartPolicy)'),
  autoRemove: no(
    'ctr cannot remove a detached container when its task exits (ctr run --rm is foreground only)',
  ),
  init: no('ctr has no init process option (Docker HostConfig.Init)'),
  inspectExitCode: no('ctr shows no exit status of a task; only `ctr tasks rm` (our wait) reports it'),
  httpErrors: no('ctr answers a refused operation with exit status 1 and a message, not an HTTP status'),
};

const STATUS: Readonly<Record<string, LifecycleStatus>> = {
  CREATED: 'created',
  RUNNING: 'running',
  PAUSED: 'paused',
  PAUSING: 'paused',
  STOPPED: 'exited',
};

/**
 * The seam over containerd through ctr. A container without a task is `created`; a task is run, paused,
 * stopped; `wait` deletes the stopped task (the only place ctr reports its status), after which the
 * container counts as `exited` until it is started again. Stop is the adapter's SIGTERM-then-SIGKILL.
 */
export class ContainerdLifecycle implements LifecycleEngine {
  readonly name: string;
  readonly features = FEATURES;
  readonly #ctr: ContainerdCtr;
  /** Made on first use, so a file whose tests all skip leaves nothing behind. */
  #logDir: string | undefined;
  readonly #exited = new Set<string>();
  readonly #stopSignals = new Map<string, string>();
  #ref = '';

  constructor(target: EngineDescription) {
    this.name = target.name;
    this.#ctr = new ContainerdCtr(target, { timeoutMs: 30_000 });
  }

  async loadProbe(): Promise<void> {
    const ref = `${uniqueName('shipshape-lifecycle/probe')}:latest`;
    const importer = {
      importImage: (path: string, o: { baseName?: string }) => this.#ctr.importImage(path, o),
    };
    this.#ref = (await loadIntoContainerd(importer, await fixtureImage('probe'), { ref })).ref;
  }

  async unloadProbe(): Promise<void> {
    if (this.#ref) await this.#ctr.removeImage(this.#ref).catch(() => false);
  }

  async create(spec: ContainerSpec): Promise<string> {
    const label = ['--label', `${SUITE_LABEL}=1`];
    const args = ['containers', 'create', ...label, this.#ref, spec.name, '--', '/bin/probe', ...spec.args];
    await rejecting('create', () => ctrCall(this.#ctr.target, args));
    if (spec.stopSignal) this.#stopSignals.set(spec.name, spec.stopSignal);
    return spec.name;
  }

  async start(id: string): Promise<void> {
    await rejecting('start', () => this.#ctr.startTask(id, { logFile: this.#logFile(id) }));
    this.#exited.delete(id);
  }

  async stop(id: string, timeoutS: number): Promise<void> {
    await this.kill(id, this.#stopSignals.get(id) ?? 'SIGTERM');
    const deadline = Date.now() + timeoutS * 1000;
    while (Date.now() < deadline) {
      if ((await this.inspectState(id)).status !== 'running') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.kill(id, 'SIGKILL').catch(() => undefined);
  }

  kill = (id: string, signal: string) => rejecting('kill', () => this.#ctr.kill(id, signal));
  pause = (id: string) => this.#task('pause', id);
  resume = (id: string) => this.#task('resume', id);

  async wait(id: string, timeoutMs: number): Promise<{ exitCode: number }> {
    const r = await rejecting('wait', () => this.#ctr.wait(id, { timeoutMs, intervalMs: 100 }));
    this.#exited.add(id);
    return r;
  }

  async inspectState(id: string): Promise<StateView> {
    const [containers, tasks] = await Promise.all([this.#ctr.listContainers(), this.#ctr.listTasks()]);
    if (!containers.some((c) => c.id === id)) return REMOVED;
    const task = tasks.find((t) => t.id === id);
    const status = task ? (STATUS[task.status] ?? 'dead') : this.#exited.has(id) ? 'exited' : 'created';
    const pid = task && status !== 'exited' ? task.pid : 0;
    return { status, pid, exitCode: null, restartCount: null };
  }

  async remove(id: string, opts: { force?: boolean } = {}): Promise<void> {
    if (opts.force) await rejecting('remove', () => this.#ctr.delete(id, { force: true }));
    else await rejecting('remove', () => ctrCall(this.#ctr.target, ['containers', 'rm', id]));
    this.#exited.delete(id);
    await rm(this.#logFile(id), { force: true });
  }

  logs = (id: string) => this.#ctr.logs(this.#logFile(id));

  async exec(id: string, args: readonly string[]): Promise<{ exitCode: number; output: string }> {
    const cmd = ['tasks', 'exec', '--exec-id', uniqueName('exec'), id, '/bin/probe', ...args];
    const r = await ctrCall(this.#ctr.target, cmd, { allowFailure: true });
    const refused = r.exitCode !== 0 && /^ctr: /m.test(r.stderr);
    if (refused) throw new LifecycleRejection('exec', r.exitCode, ctrMessage(r.stderr));
    return { exitCode: r.exitCode, output: r.stdout + r.stderr };
  }

  close = async () => {
    if (this.#logDir) await rm(this.#logDir, { recursive: true, force: true });
  };

  #logFile(id: string): string {
    this.#logDir ??= mkdtempSync(join(tmpdir(), 'shipshape-lifecycle-'));
    return join(this.#logDir, `${id}.log`);
  }

  async #task(op: 'pause' | 'resume', id: string): Promise<void> {
    await rejecting(op, () => ctrCall(this.#ctr.target, ['tasks', op, id]));
  }
}
