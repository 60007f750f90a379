import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { emptyState, type IndexState } from './image-record.js';

/*
 * The index is ONE JSON file replaced atomically (write temp, fsync, rename, fsync dir). One file
 * because a load or a tag move changes several images and references at once, and a single rename
 * makes that whole change visible or not at all; per-image files would need a journal for the same
 * guarantee. The file stays small (a few hundred bytes per image), so rewriting it is cheap.
 */

const TEMP_PREFIX = '.tmp-';

export async function readIndexFile(file: string): Promise<IndexState> {
  await removeTempFiles(file);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as IndexState;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
}

export async function writeIndexFile(file: string, state: IndexState): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${TEMP_PREFIX}${basename(file)}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 1)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  const dirHandle = await open(dir, 'r');
  await dirHandle.sync().finally(() => dirHandle.close());
}

/** A crash between write and rename leaves a temp file; it never holds committed state. */
async function removeTempFiles(file: string): Promise<void> {
  const dir = dirname(file);
  const names = await readdir(dir).catch(() => [] as string[]);
  const prefix = `${TEMP_PREFIX}${basename(file)}-`;
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(dir, n), { force: true })));
}
