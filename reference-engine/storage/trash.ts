import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

let seq = 0;

/**
 * Deletes directory trees off the request path: `discard(path)` renames the tree into the trash (one
 * atomic rename on the same filesystem, so the path is gone when it returns) and removes it in the
 * background; whatever a crash left in the trash is removed when the trash is next opened. A tree of a
 * container holds thousands of entries at times, and each unlink can wait on the journal: deleting it
 * in line made a `docker rm` (and, the deletes being synchronous, every other request) wait.
 *
 *   const trash = new Trash(join(root, 'trash'));   // empties what an earlier run left
 *   trash.discard(join(root, 'snapshots', '17'));    // gone from its place now, from the disk soon
 *   await trash.idle();                              // tests and shutdown: every removal done
 */
export class Trash {
  private readonly pending = new Set<Promise<void>>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const name of readdirSync(dir)) this.removeLater(join(dir, name));
  }

  /** Moves `path` (a directory or file on the trash's filesystem) out of the way; a missing path is no error. */
  discard(path: string): void {
    const target = join(this.dir, `${process.pid}-${Date.now()}-${seq++}`);
    try {
      renameSync(path, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    this.removeLater(target);
  }

  /** Resolves when every removal started so far has finished (failures are left for the next open). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private removeLater(path: string): void {
    const p: Promise<void> = rm(path, { recursive: true, force: true, maxRetries: 2 })
      .catch(() => {})
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}
