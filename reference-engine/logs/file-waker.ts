import { type FSWatcher, watch } from 'node:fs';

/**
 * Wakes a follower when its file may have grown: on an fs.watch event, or every `pollMs` at the
 * latest (files on filesystems without inotify, a file that does not exist yet). An event that came
 * while the follower was reading is not lost: the next `wait()` returns at once.
 */
export class FileWaker {
  private watcher: FSWatcher | undefined;
  private dirty = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly path: string,
    private readonly pollMs: number,
  ) {}

  /** Resolves on a change, after pollMs, when `also` settles or when `signal` aborts. */
  async wait(also: Promise<unknown>, signal?: AbortSignal): Promise<void> {
    this.ensureWatcher();
    if (this.dirty || signal?.aborted) {
      this.dirty = false;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => this.wake?.();
    try {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        timer = setTimeout(resolve, this.pollMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        also.then(
          () => resolve(),
          () => resolve(),
        );
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.wake = undefined;
      this.dirty = false;
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private ensureWatcher(): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.path, { persistent: false }, () => {
        this.dirty = true;
        this.wake?.();
      });
      this.watcher.on('error', () => this.close());
    } catch {
      // Not there yet (or not watchable): polling covers it.
    }
  }
}
