/** What the pool needs to know of a queued write. */
export interface PoolItem {
  /** Path components beneath the root. */
  readonly parts: readonly string[];
  readonly size: number;
}

export interface WritePoolLimits {
  /** Items per batch: a batch is one thread-pool job. */
  batchItems: number;
  /** Bytes per batch. */
  batchBytes: number;
  /** Batches in flight at once (leave a libuv thread for the layer's own reads). */
  maxJobs: number;
}

const DEFAULT_LIMITS: WritePoolLimits = { batchItems: 48, batchBytes: 4 << 20, maxJobs: 2 };

/**
 * Small-file writes, batched and run off the main thread while parsing goes on. File creation on a
 * journalled filesystem spends most of its time in the kernel; handing it to libuv's pool in batches
 * (one job per batch, not five per file) is what lets a layer of many small files apply faster than a
 * sequential extractor. Ordering stays exact: an entry whose path is, lies under, or lies above a queued
 * or running write waits for the pool to drain first, and so do whiteouts, hardlinks and cache refreshes
 * (see applyLayer). Lifecycle: `add` per small file → `drain()` at barriers and at the end →
 * `settle()` in `finally` before any fd is closed.
 */
export class WritePool<T extends PoolItem> {
  private readonly running = new Set<Promise<void>>();
  /** Paths queued or running ('a/b/c'). */
  private readonly paths = new Set<string>();
  /** Ancestors of those paths ('a', 'a/b' for 'a/b/c') with how many items sit under each. */
  private readonly ancestors = new Map<string, number>();
  private batch: T[] = [];
  private batchBytes = 0;
  private failure: { err: unknown } | undefined;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly limits: WritePoolLimits = DEFAULT_LIMITS,
  ) {}

  /** Items queued or running. */
  get size(): number {
    return this.paths.size;
  }

  /** Whether writing `parts` now could race a queued or running write (same path, ancestor, descendant). */
  conflicts(parts: readonly string[]): boolean {
    if (this.paths.size === 0) return false;
    let key = '';
    for (const part of parts) {
      key = key ? `${key}/${part}` : part;
      if (this.paths.has(key)) return true;
    }
    return this.ancestors.has(key);
  }

  /** Queues `item` (no conflict: the caller checked); starts its batch once full, waiting for room. */
  async add(item: T): Promise<void> {
    this.check();
    this.track(item.parts, 1);
    this.batch.push(item);
    this.batchBytes += item.size;
    if (this.batch.length >= this.limits.batchItems || this.batchBytes >= this.limits.batchBytes)
      await this.flush();
  }

  /** Writes everything queued and waits for it; rethrows the first failure. */
  async drain(): Promise<void> {
    await this.flush();
    while (this.running.size > 0) await Promise.all(this.running);
    this.check();
  }

  /** Drops what is queued and waits for what runs, ignoring failures (cleanup after an error). */
  async settle(): Promise<void> {
    for (const item of this.batch) this.track(item.parts, -1);
    this.batch = [];
    this.batchBytes = 0;
    while (this.running.size > 0) await Promise.allSettled(this.running);
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    while (this.running.size >= this.limits.maxJobs) await Promise.race(this.running);
    this.check();
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const job: Promise<void> = this.write(batch)
      .catch((err: unknown) => {
        this.failure ??= { err };
      })
      .finally(() => {
        this.running.delete(job);
        for (const item of batch) this.track(item.parts, -1);
      });
    this.running.add(job);
  }

  private track(parts: readonly string[], delta: 1 | -1): void {
    let key = '';
    for (const [i, part] of parts.entries()) {
      key = key ? `${key}/${part}` : part;
      if (i === parts.length - 1) break;
      const n = (this.ancestors.get(key) ?? 0) + delta;
      if (n === 0) this.ancestors.delete(key);
      else this.ancestors.set(key, n);
    }
    if (delta === 1) this.paths.add(key);
    else this.paths.delete(key);
  }

  private check(): void {
    if (this.failure) throw this.failure.err;
  }
}
