import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DockerApiClient } from '../../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { ShipshapeError } from '../../../core/errors.js';
import { target } from '../../support/index.js';
import { type LoadedProbe, loadProbe, removeProbe } from './probe-image.js';

/** Label every object the suite makes carries; its value is the run id. */
export const RUN_LABEL = 'io.shipshape.suite-run';

/**
 * One test file's view of the engine under test. Lifecycle: call `suiteContext()` once at the top of a
 * test file; its beforeAll opens a DockerApiClient for `target()` and loads the probe image under a unique
 * ref; afterEach force-removes the containers tracked so far (with their anonymous volumes) and runs the
 * `defer`red cleanups; afterAll does the same, removes the image and closes the client.
 */
export interface SuiteContext {
  readonly engine: EngineDescription;
  readonly client: DockerApiClient;
  /** Reference of the loaded probe image, as the engine names it. */
  readonly image: string;
  /** Its image ID (`sha256:…`). */
  readonly imageId: string;
  /** Random hex shared by every name and label this file makes. */
  readonly runId: string;
  /** `{ [RUN_LABEL]: runId }`: put on every container so list/prune filters match only ours. */
  readonly runLabels: Readonly<Record<string, string>>;
  /** `ss-<runId>-<hint>-<n>`: unique per call. */
  uniqueName(hint?: string): string;
  /** Force-remove this container after the test (ids and names both work). */
  track(id: string): void;
  /** Run `fn` after the current test (errors are ignored: cleanup is best effort). */
  defer(fn: () => Promise<unknown>): void;
  /** A fresh host directory under the OS temp dir, removed after the test. */
  tempDir(): Promise<string>;
}

export interface SuiteContextOptions {
  /** Load the probe image (default true). */
  readonly probe?: boolean;
}

class Context implements SuiteContext {
  readonly runId = randomBytes(4).toString('hex');
  readonly engine = target();
  #client: DockerApiClient | undefined;
  #probe: LoadedProbe | undefined;
  #count = 0;
  #containers = new Set<string>();
  #deferred: (() => Promise<unknown>)[] = [];

  get client(): DockerApiClient {
    if (this.#client === undefined) throw notReady('client');
    return this.#client;
  }
  get image(): string {
    if (this.#probe === undefined) throw notReady('image');
    return this.#probe.ref;
  }
  get imageId(): string {
    if (this.#probe === undefined) throw notReady('imageId');
    return this.#probe.id;
  }
  get runLabels(): Readonly<Record<string, string>> {
    return { [RUN_LABEL]: this.runId };
  }

  uniqueName(hint = 'c'): string {
    this.#count += 1;
    return `ss-${this.runId}-${hint}-${this.#count}`;
  }
  track(id: string): void {
    this.#containers.add(id);
  }
  defer(fn: () => Promise<unknown>): void {
    this.#deferred.push(fn);
  }
  async tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), `shipshape-${this.runId}-`));
    this.defer(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async open(opts: SuiteContextOptions): Promise<void> {
    this.#client = new DockerApiClient(this.engine, { timeoutMs: 30_000 });
    await this.#client.negotiate();
    if (opts.probe ?? true) this.#probe = await loadProbe(this.#client);
  }

  async cleanup(): Promise<void> {
    const client = this.#client;
    if (client === undefined) return;
    const ids = [...this.#containers];
    this.#containers.clear();
    await Promise.all(
      ids.map((id) => client.containers.remove(id, { force: true, v: true }).catch(() => undefined)),
    );
    const deferred = this.#deferred.splice(0).reverse();
    for (const fn of deferred) await fn().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.cleanup();
    if (this.#client !== undefined && this.#probe !== undefined) await removeProbe(this.#client, this.#probe);
    await this.#client?.close();
  }
}

const notReady = (what: string) =>
  new ShipshapeError('USAGE', `suite context: ${what} is only available once beforeAll has run`);

/** Registers the hooks of one test file and returns its context (see SuiteContext). */
export function suiteContext(opts: SuiteContextOptions = {}): SuiteContext {
  const ctx = new Context();
  beforeAll(() => ctx.open(opts));
  afterEach(() => ctx.cleanup());
  afterAll(() => ctx.close());
  return ctx;
}
