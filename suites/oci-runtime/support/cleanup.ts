import { rm } from 'node:fs/promises';

type Step = () => unknown | Promise<unknown>;

/**
 * Last-in-first-out cleanup steps. Lifecycle: a test calls `defer`/`dir` (or `container` via the
 * session) as it makes things; `runAll()` (registered in afterEach by `useRuntime`) runs every step
 * even when one throws, then reports the failures together.
 */
export class CleanupTracker {
  private steps: { what: string; step: Step }[] = [];

  defer(what: string, step: Step): void {
    this.steps.push({ what, step });
  }

  /** Removes `path` (recursively) at cleanup. */
  dir(path: string): string {
    this.defer(`remove ${path}`, () => rm(path, { recursive: true, force: true }));
    return path;
  }

  get pending(): number {
    return this.steps.length;
  }

  async runAll(): Promise<void> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const s = this.steps.pop();
      if (!s) break;
      try {
        await s.step();
      } catch (err) {
        failures.push(`${s.what}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`cleanup failed:\n${failures.join('\n')}`);
  }
}
