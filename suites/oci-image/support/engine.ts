import type { ContainerEngine } from '../../../core/engines/container-engine/types.js';
import { EngineError } from '../../../core/errors.js';
import { uniqueName } from './names.js';

/** What an engine answered to a load: it took the image, or refused it with a message. */
export type LoadOutcome =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly status: number; readonly message: string };

/** A finished probe run inside a container of the engine. */
export interface ProbeRun {
  readonly exitCode: number;
  readonly stdout: string;
}

/** The part of a ContainerEngine this suite drives. */
export type ImageParts = Pick<
  ContainerEngine,
  | 'name'
  | 'family'
  | 'load'
  | 'findImage'
  | 'imageId'
  | 'run'
  | 'saveImages'
  | 'removeImage'
  | 'alive'
  | 'close'
>;

/** Bound of each call: loads and exports of a few MB on a loaded 2-core machine. */
export const CALL_MS = 60_000;

/**
 * The engine under test as this suite needs it. Lifecycle:
 *   const engine = openImageEngine(target());
 *   const outcome = await engine.load(tar, ref);       // docker-archive or OCI archive
 *   const name = await engine.find(ref);               // the engine's name for it, or undefined
 *   const run = await engine.run(name, ['tree', '/']); // probe inside a container, removed afterwards
 *   await engine.save([name], '/tmp/x.tar');           // docker save / ctr images export
 *   await engine.remove(ref); await engine.close();
 */
export class ImageEngine {
  /** The engine's short name (docker, podman, containerd). */
  readonly name: string;
  readonly family: ImageParts['family'];
  readonly #engine: ImageParts;

  constructor(engine: ImageParts) {
    this.#engine = engine;
    this.name = engine.name;
    this.family = engine.family;
  }

  /** Loads a tar; `ref` is the name it carries (containerd names OCI archives from it). Never throws on refusal. */
  async load(tar: Buffer, ref: string): Promise<LoadOutcome> {
    try {
      return { ok: true, message: (await this.#engine.load(tar, { ref, timeoutMs: CALL_MS })).message };
    } catch (err) {
      if (err instanceof EngineError) return { ok: false, status: err.status, message: err.engineMessage };
      throw err;
    }
  }

  /** The name under which the engine holds `ref` (Podman: `localhost/…`), or undefined. */
  find = (ref: string) => this.#engine.findImage(ref);
  /** The image ID (config digest) of an image held under `name`. */
  configDigest = (name: string) => this.#engine.imageId(name);

  /** Runs `/bin/probe ARGS...` in a short-lived container (no network) and removes it. */
  async run(name: string, args: readonly string[]): Promise<ProbeRun> {
    const spec = { image: name, name: uniqueName('run'), command: ['/bin/probe', ...args] };
    const r = await this.#engine.run(spec, { timeoutMs: CALL_MS });
    return { exitCode: r.exitCode, stdout: r.stdout };
  }

  /** Writes the engine's export of `names` (one or several images) to `file`. */
  save = (names: readonly string[], file: string) =>
    this.#engine.saveImages(names, file, { timeoutMs: CALL_MS });

  /** Removes the image `ref` (under any of the engine's names); absent is fine. */
  async remove(ref: string): Promise<void> {
    for (
      let name = await this.find(ref), n = 0;
      name !== undefined && n < 3;
      name = await this.find(ref), n++
    ) {
      await this.#engine.removeImage(name, { force: true });
    }
  }

  /** True while the engine still answers. */
  alive = () => this.#engine.alive();
  close = () => this.#engine.close();
}
