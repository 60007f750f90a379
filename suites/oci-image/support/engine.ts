/** What an engine answered to a load: it took the image, or refused it with a message. */
export type LoadOutcome =
  | { readonly ok: true; readonly message: string }
  | { readonly ok: false; readonly status: number; readonly message: string };

/** A finished probe run inside a container of the engine. */
export interface ProbeRun {
  readonly exitCode: number;
  readonly stdout: string;
}

/**
 * The engine under test as this suite needs it. Lifecycle:
 *   const engine = openImageEngine(target());
 *   const outcome = await engine.load(tar, ref);       // docker-archive or OCI archive
 *   const name = await engine.find(ref);               // the engine's name for it, or undefined
 *   const run = await engine.run(name, ['tree', '/']); // probe inside a container, removed afterwards
 *   await engine.save([name], '/tmp/x.tar');           // docker save / ctr images export
 *   await engine.remove(ref); await engine.close();
 */
export interface ImageEngine {
  readonly family: 'docker-api' | 'containerd';
  /** The engine's short name (docker, podman, containerd). */
  readonly name: string;
  /** Loads a tar; `ref` is the name it carries (containerd names OCI archives from it). Never throws on refusal. */
  load(tar: Buffer, ref: string): Promise<LoadOutcome>;
  /** The name under which the engine holds `ref` (Podman: `localhost/…`), or undefined. */
  find(ref: string): Promise<string | undefined>;
  /** The image ID (config digest) of an image held under `name`. */
  configDigest(name: string): Promise<string>;
  /** Runs `/bin/probe ARGS...` in a short-lived container (no network) and removes it. */
  run(name: string, args: readonly string[]): Promise<ProbeRun>;
  /** Writes the engine's export of `names` (one or several images) to `file`. */
  save(names: readonly string[], file: string): Promise<void>;
  /** Removes the image `ref` (under any of the engine's names); absent is fine. */
  remove(ref: string): Promise<void>;
  /** True while the engine still answers. */
  alive(): Promise<boolean>;
  close(): Promise<void>;
}
