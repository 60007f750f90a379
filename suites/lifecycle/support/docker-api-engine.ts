import { DockerApiClient } from '../../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { EngineError } from '../../../core/errors.js';
import { fixtureImage, loadIntoDockerApi } from '../../../fixtures/images/index.js';
import type {
  ContainerSpec,
  LifecycleEngine,
  LifecycleFeatures,
  LifecycleStatus,
  StateView,
  WaitCondition,
} from './engine.js';
import { REMOVED } from './engine.js';
import { SUITE_LABEL, uniqueName } from './names.js';
import { rejecting } from './rejecting.js';

const yes = { supported: true } as const;

/** The seam over a Docker-API engine (dockerd, Podman's compat API) through DockerApiClient. */
export class DockerApiLifecycle implements LifecycleEngine {
  readonly name: string;
  readonly features: LifecycleFeatures;
  readonly #docker: DockerApiClient;
  readonly #ref = `${uniqueName('shipshape-lifecycle/probe')}:latest`;

  constructor(target: EngineDescription) {
    this.name = target.name;
    this.#docker = new DockerApiClient(target, { timeoutMs: 30_000 });
    const pause = target.capabilities.includes('pause')
      ? yes
      : { supported: false, reason: 'engine lacks capability pause' };
    this.features = {
      pause,
      exec: target.capabilities.includes('exec') ? yes : { supported: false, reason: 'no exec' },
      stopTimeout: yes,
      restartPolicies: yes,
      autoRemove: yes,
      init: yes,
      inspectExitCode: yes,
      httpErrors: yes,
    };
  }

  async loadProbe(): Promise<void> {
    const loader = {
      loadImage: (tar: Buffer) => this.#docker.images.load(tar),
    };
    await loadIntoDockerApi(loader, await fixtureImage('probe'), { ref: this.#ref });
  }

  async unloadProbe(): Promise<void> {
    await this.#docker.images.remove(this.#ref, { force: true }).catch(() => undefined);
  }

  async create(spec: ContainerSpec): Promise<string> {
    const policy = spec.restartPolicy;
    const { Id } = await rejecting('create', () =>
      this.#docker.containers.create(spec.name, {
        Image: this.#ref,
        Cmd: [...spec.args],
        Labels: { [SUITE_LABEL]: '1' },
        StopSignal: spec.stopSignal,
        HostConfig: {
          NetworkMode: 'none',
          AutoRemove: spec.autoRemove,
          Init: spec.init,
          RestartPolicy: policy && { Name: policy.name, MaximumRetryCount: policy.maxRetries },
        },
      }),
    );
    return Id;
  }

  start = (id: string) => rejecting('start', () => this.#docker.containers.start(id));
  stop = (id: string, timeoutS: number) =>
    rejecting('stop', () => this.#docker.containers.stop(id, { t: timeoutS }));
  kill = (id: string, signal: string) => rejecting('kill', () => this.#docker.containers.kill(id, signal));
  pause = (id: string) => rejecting('pause', () => this.#docker.containers.pause(id));
  resume = (id: string) => rejecting('unpause', () => this.#docker.containers.unpause(id));

  async wait(
    id: string,
    timeoutMs: number,
    condition: WaitCondition = 'not-running',
  ): Promise<{ exitCode: number }> {
    const res = await rejecting('wait', () => this.#docker.containers.wait(id, condition, { timeoutMs }));
    return { exitCode: res.StatusCode };
  }

  async inspectState(id: string): Promise<StateView> {
    try {
      const c = await this.#docker.containers.inspect(id);
      const s = c.State ?? {};
      return {
        status: (s.Status ?? 'dead') as LifecycleStatus,
        pid: s.Pid ?? 0,
        exitCode: s.Running || s.Status === 'created' ? null : (s.ExitCode ?? null),
        restartCount: c.RestartCount ?? null,
      };
    } catch (err) {
      if (err instanceof EngineError && err.status === 404) return REMOVED;
      throw err;
    }
  }

  async remove(id: string, opts: { force?: boolean } = {}): Promise<void> {
    await rejecting('remove', () => this.#docker.containers.remove(id, { force: opts.force, v: true }));
  }

  async logs(id: string): Promise<string> {
    const out = await rejecting('logs', () => this.#docker.containers.logs(id, { tty: false }));
    return out.stdout.toString() + out.stderr.toString();
  }

  async exec(id: string, args: readonly string[]): Promise<{ exitCode: number; output: string }> {
    const r = await rejecting('exec', () => this.#docker.exec.run(id, ['/bin/probe', ...args]));
    return { exitCode: r.exitCode ?? -1, output: r.stdout.toString() + r.stderr.toString() };
  }

  close = () => this.#docker.close();
}
