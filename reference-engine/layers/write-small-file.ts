import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { errnoCode } from '../native/index.js';
import type { ApplyContext } from './apply-context.js';
import type { EntryAttributes } from './entry-header.js';
import { removeExisting } from './replace-existing.js';
import { setTimes, setXattrs } from './set-attributes.js';

const CREATE_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Writes a regular file whose whole body is in memory, off the main thread (libuv's pool) where
 * possible: create (O_EXCL|O_NOFOLLOW beneath the parent fd, as the streaming path does), write,
 * fchown, fchmod, xattrs, times, close. `path` is /proc/self/fd/<parent>/<name>.
 */
export async function writeSmallFile(
  ctx: ApplyContext,
  path: string,
  attrs: EntryAttributes,
  body: Buffer,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, CREATE_FILE, 0o600);
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    removeExisting(ctx, path, false);
    handle = await open(path, CREATE_FILE, 0o600);
  }
  try {
    for (let off = 0; off < body.length; ) off += (await handle.write(body, off)).bytesWritten;
    if (ctx.chown) await handle.chown(attrs.uid, attrs.gid);
    await handle.chmod(attrs.mode);
    if (attrs.xattrs.size > 0) setXattrs(path, attrs);
    // Whole seconds are exact as doubles (futimes); nanoseconds need utimensat.
    if (attrs.mtime.nsec === 0 && attrs.atime.nsec === 0)
      await handle.utimes(attrs.atime.sec, attrs.mtime.sec);
    else setTimes(path, attrs);
  } finally {
    await handle.close();
  }
}
