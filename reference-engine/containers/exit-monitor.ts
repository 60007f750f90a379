import { waitRecordedExit } from '../runtime/index.js';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Learns of container exits without a Node process per container: the shim records the exit in the
 * runtime's state dir, which is watched (inotify) and checked every `pollMs`; a shim gone without a
 * record counts as an exit too. Each exit runs `onExit` once; `nextExit(id)` resolves after it has.
 */
export class ExitMonitor {
  private readonly watching = new Map<string, AbortController>();
  private readonly pending = new Map<string, Deferred>();

  constructor(
    private readonly runtimeRoot: string,
    private readonly onExit: (id: string) => Promise<void>,
    private readonly pollMs = 1000,
  ) {}

  watch(id: string): void {
    this.unwatch(id);
    const ac = new AbortController();
    this.watching.set(id, ac);
    waitRecordedExit(this.runtimeRoot, id, { signal: ac.signal, pollMs: this.pollMs }).then(
      () => this.fire(id, ac),
      () => this.fire(id, ac),
    );
  }

  private async fire(id: string, ac: AbortController): Promise<void> {
    if (ac.signal.aborted || this.watching.get(id) !== ac) return;
    this.watching.delete(id);
    try {
      await this.onExit(id);
    } catch (err) {
      process.emitWarning(`container ${id}: handling its exit failed: ${(err as Error).message}`);
    } finally {
      const d = this.pending.get(id);
      this.pending.delete(id);
      d?.resolve();
    }
  }

  watched(id: string): boolean {
    return this.watching.has(id);
  }

  /** Resolves once the next exit of `id` has been handled (register it before causing the exit). */
  nextExit(id: string): Promise<void> {
    let d = this.pending.get(id);
    if (!d) {
      d = deferred();
      this.pending.set(id, d);
    }
    return d.promise;
  }

  unwatch(id: string): void {
    this.watching.get(id)?.abort();
    this.watching.delete(id);
  }

  close(): void {
    for (const ac of this.watching.values()) ac.abort();
    this.watching.clear();
    for (const d of this.pending.values()) d.resolve();
    this.pending.clear();
  }
}
