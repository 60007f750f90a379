import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where containerd tasks write their output: ctr keeps no logs, so each container started with one gets a
 * file (through log-uri.ts) in a directory made on first use and removed by `close()`.
 */
export class TaskLogs {
  #dir: string | undefined;

  /** The log file of container `id`. */
  file(id: string): string {
    this.#dir ??= mkdtempSync(join(tmpdir(), 'shipshape-containerd-logs-'));
    return join(this.#dir, `${id}.log`);
  }

  /** What the container wrote so far ('' before it wrote anything). */
  async read(id: string): Promise<string> {
    if (this.#dir === undefined) return '';
    return readFile(this.file(id), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
  }

  async forget(id: string): Promise<void> {
    if (this.#dir !== undefined) await rm(this.file(id), { force: true });
  }

  async close(): Promise<void> {
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}
