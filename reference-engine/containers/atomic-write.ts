import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';

/**
 * Writes `text` to `path` so a crash leaves either the old or the new content: a temp file beside it,
 * then a rename over. `durable` adds an fsync of the data before the rename, for a file that must
 * outlive a power loss; records and the files derived from them skip it (RecordStore.save). The
 * directory is not fsynced: the rename is atomic for any crash, and durable at the journal's next
 * commit (an fsync of the directory would double the cost of every state change).
 */
export function writeFileAtomic(
  path: string,
  text: string,
  opts: { mode?: number; durable?: boolean } = {},
): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', opts.mode ?? 0o600);
  try {
    writeSync(fd, text);
    if (opts.durable) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/**
 * writeFileAtomic off the event loop (the open, write, fsync and rename run on libuv's threads), for a
 * durable write that must not hold the loop during its fsync. Callers writing one path must not
 * overlap.
 */
export async function writeFileAtomicAsync(
  path: string,
  text: string,
  opts: { mode?: number; durable?: boolean } = {},
): Promise<void> {
  const tmp = `${path}.tmp`;
  const file = await open(tmp, 'w', opts.mode ?? 0o600);
  try {
    await file.writeFile(text);
    if (opts.durable) await file.sync();
  } catch (err) {
    await file.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await file.close();
  await rename(tmp, path);
}
