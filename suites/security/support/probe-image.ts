import type { ContainerEngine, ContainerSpec } from '../../../core/engines/container-engine/types.js';
import { dockerArchiveTar, fixtureImage } from '../../../fixtures/images/index.js';
import { CALL_MS } from './engine.js';
import { RUN_ID, SECURITY_LABEL, uniqueName, uniqueRef } from './names.js';

/** What a probe container did: ran to its end, or was refused (at create or start) with a message. */
export type ProbeRun =
  | { readonly ran: true; readonly exitCode: number; readonly stdout: string }
  | { readonly ran: false; readonly message: string };

/**
 * The probe image loaded once under a run-unique name, and runs of `/bin/probe ARGS` in it.
 * Lifecycle: `const p = new ProbeImage(engine); await p.load(); await p.run(['report']); await p.unload();`
 */
export class ProbeImage {
  readonly #engine: ContainerEngine;
  readonly #ref = uniqueRef('probe');
  #name = this.#ref;

  constructor(engine: ContainerEngine) {
    this.#engine = engine;
  }

  get name(): string {
    return this.#name;
  }

  async load(): Promise<void> {
    const archive = await dockerArchiveTar(await fixtureImage('probe'), { refs: [this.#ref] });
    const r = await this.#engine.load(archive, { ref: this.#ref, timeoutMs: CALL_MS });
    this.#name = (await this.#engine.findImage(this.#ref)) ?? r.images[0] ?? this.#ref;
  }

  async unload(): Promise<void> {
    await this.#engine.removeImage(this.#name, { force: true }).catch(() => undefined);
  }

  /** A spec for `/bin/probe ARGS` with the suite's label, no network, and `extra`. */
  spec(args: readonly string[], extra: Partial<ContainerSpec> = {}): ContainerSpec {
    return {
      image: this.#name,
      command: ['/bin/probe', ...args],
      name: uniqueName('iso'),
      labels: { [SECURITY_LABEL]: RUN_ID },
      ...extra,
    };
  }

  /** Runs it to its end and removes it; a refusal by the engine is a result, not an error. */
  async run(args: readonly string[], extra: Partial<ContainerSpec> = {}): Promise<ProbeRun> {
    try {
      const r = await this.#engine.run(this.spec(args, extra), { timeoutMs: CALL_MS });
      return { ran: true, exitCode: r.exitCode, stdout: r.stdout };
    } catch (err) {
      return { ran: false, message: (err as Error).message };
    }
  }
}
