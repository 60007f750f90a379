import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Writes `text` to `path` so a crash leaves either the old or the new content: a temp file beside it,
 * then a rename over. `durable` adds an fsync of the data before the rename (records); files derived
 * from a record (hosts, the OCI bundle's config.json) are rewritten when needed and skip it. The
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
