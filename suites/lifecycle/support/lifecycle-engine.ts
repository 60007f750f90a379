import type { ContainerEngine } from '../../../core/engines/container-engine/types.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { dockerArchiveTar, fixtureImage } from '../../../fixtures/images/index.js';
import { type ContainerSpec, REMOVED, type StateView, type WaitCondition } from './engine.js';
import { SUITE_LABEL, uniqueName } from './names.js';
import { rejecting } from './rejecting.js';

/** The part of a ContainerEngine the lifecycle suite drives. */
export type LifecycleParts = Pick<
  ContainerEngine,
  | 'load'
  | 'removeImage'
  | 'create'
  | 'start'
  | 'stop'
  | 'kill'
  | 'pause'
  | 'resume'
  | 'wait'
  | 'inspect'
  | 'remove'
  | 'logs'
  | 'exec'
  | 'close'
>;

/** How often wait polls on engines that must poll for an exit. */
const POLL_MS = 100;

/**
 * The engine under test as the lifecycle suite sees it: the probe image, containers that run
 * `/bin/probe ARGS`, states as StateView, logs as text. Operations the engine refuses throw
 * LifecycleRejection. Lifecycle:
 *   const engine = new LifecycleEngine(target(), openContainerEngine(target()));  await engine.loadProbe();
 *   const id = await engine.create({ name, args: ['sleep', '30'] });   // 'created'
 *   await engine.start(id);  await engine.pause(id);  await engine.resume(id);   // running/paused
 *   await engine.stop(id, 2);  (await engine.wait(id, 30_000)).exitCode;         // 'exited'
 *   await engine.inspectState(id);  await engine.logs(id);  await engine.remove(id);   // 'removed'
 *   await engine.unloadProbe();  await engine.close();
 */
export class LifecycleEngine {
  readonly name: string;
  /** Refusals carry an HTTP status the tests can check (capability errors.http-status). */
  readonly httpErrors: boolean;
  readonly #engine: LifecycleParts;
  readonly #ref = `${uniqueName('shipshape-lifecycle/probe')}:latest`;
  #image = this.#ref;

  constructor(target: EngineDescription, engine: LifecycleParts) {
    this.name = target.name;
    this.httpErrors = target.capabilities.includes('errors.http-status');
    this.#engine = engine;
  }

  /** Loads the probe fixture under a run-unique reference. */
  async loadProbe(): Promise<void> {
    const archive = await dockerArchiveTar(await fixtureImage('probe'), { refs: [this.#ref] });
    this.#image = (await this.#engine.load(archive, { ref: this.#ref })).images[0] ?? this.#ref;
  }

  /** The name the engine holds the probe image under (once loaded). */
  get image(): string {
    return this.#image;
  }

  async unloadProbe(): Promise<void> {
    await this.#engine.removeImage(this.#image, { force: true }).catch(() => undefined);
  }

  create(spec: ContainerSpec): Promise<string> {
    const { name, args, stopSignal, restartPolicy, autoRemove, init } = spec;
    const command = ['/bin/probe', ...args];
    const labels = { [SUITE_LABEL]: '1' };
    return rejecting('create', () =>
      this.#engine.create({
        name,
        image: this.#image,
        command,
        labels,
        stopSignal,
        restartPolicy,
        autoRemove,
        init,
      }),
    );
  }

  start = (id: string) => rejecting('start', () => this.#engine.start(id));
  /** Stops with the container's stop signal, escalating to SIGKILL after `timeoutS` seconds. */
  stop = (id: string, timeoutS: number) => rejecting('stop', () => this.#engine.stop(id, { timeoutS }));
  kill = (id: string, signal: string) => rejecting('kill', () => this.#engine.kill(id, signal));
  pause = (id: string) => rejecting('pause', () => this.#engine.pause(id));
  resume = (id: string) => rejecting('unpause', () => this.#engine.resume(id));

  /** Blocks until the container is not running (or removed) and gives its exit code. */
  wait(
    id: string,
    timeoutMs: number,
    condition: WaitCondition = 'not-running',
  ): Promise<{ exitCode: number }> {
    return rejecting('wait', () => this.#engine.wait(id, { timeoutMs, condition, pollIntervalMs: POLL_MS }));
  }

  async inspectState(id: string): Promise<StateView> {
    return (await this.#engine.inspect(id)) ?? REMOVED;
  }

  remove = (id: string, opts: { force?: boolean } = {}) =>
    rejecting('remove', () => this.#engine.remove(id, { force: opts.force }));

  /** stdout and stderr so far, as text. */
  async logs(id: string): Promise<string> {
    const out = await rejecting('logs', () => this.#engine.logs(id));
    return out.stdout + out.stderr;
  }

  async exec(id: string, args: readonly string[]): Promise<{ exitCode: number; output: string }> {
    const r = await rejecting('exec', () => this.#engine.exec(id, ['/bin/probe', ...args]));
    return { exitCode: r.exitCode, output: r.stdout + r.stderr };
  }

  close = () => this.#engine.close();
}
