/**
 * Regular-file writes in flight at once. File creation on a journalled filesystem spends most of its
 * time waiting in open(O_CREAT); overlapping a few of those (libuv's thread pool) is what lets a layer
 * of many small files apply faster than a sequential extractor. Ordering stays exact: an entry whose
 * path is, lies under, or lies above a write in flight waits for the pool to drain first, and so do
 * whiteouts, hardlinks and cache refreshes (see applyLayer). Lifecycle: `add` per small file →
 * `drain()` at barriers and at the end → `settle()` in `finally` before any fd is closed.
 */
export class WritePool {
  private readonly jobs = new Map<string, Promise<void>>();
  /** Ancestors of paths in flight ('a', 'a/b' for 'a/b/c') with how many jobs sit under each. */
  private readonly ancestors = new Map<string, number>();
  private bytes = 0;
  private failure: { err: unknown } | undefined;

  constructor(
    private readonly maxJobs = 16,
    private readonly maxBytes = 32 << 20,
  ) {}

  get size(): number {
    return this.jobs.size;
  }

  /** Whether writing `parts` now could race a job in flight (same path, an ancestor or a descendant). */
  conflicts(parts: readonly string[]): boolean {
    if (this.jobs.size === 0) return false;
    let key = '';
    for (const part of parts) {
      key = key ? `${key}/${part}` : part;
      if (this.jobs.has(key)) return true;
    }
    return this.ancestors.has(key);
  }

  /** Starts `job` for `parts` (no conflict: the caller checked), waiting first while the pool is full. */
  async add(parts: readonly string[], bytes: number, job: () => Promise<void>): Promise<void> {
    this.check();
    while (this.jobs.size >= this.maxJobs || (this.jobs.size > 0 && this.bytes + bytes > this.maxBytes)) {
      await Promise.race(this.jobs.values());
    }
    this.check();
    const key = parts.join('/');
    const above = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    for (const a of above) this.ancestors.set(a, (this.ancestors.get(a) ?? 0) + 1);
    this.bytes += bytes;
    const running = job()
      .catch((err: unknown) => {
        this.failure ??= { err };
      })
      .finally(() => {
        this.jobs.delete(key);
        this.bytes -= bytes;
        for (const a of above) {
          const n = (this.ancestors.get(a) ?? 1) - 1;
          if (n === 0) this.ancestors.delete(a);
          else this.ancestors.set(a, n);
        }
      });
    this.jobs.set(key, running);
  }

  /** Waits for every job; rethrows the first failure. */
  async drain(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all(this.jobs.values());
    this.check();
  }

  /** Waits for every job, ignoring failures (cleanup after an error). */
  async settle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.allSettled(this.jobs.values());
  }

  private check(): void {
    if (this.failure) throw this.failure.err;
  }
}
