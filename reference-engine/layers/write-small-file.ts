import { getSystemErrorName } from 'node:util';
import { native, WRITE_META_FIELDS, WRITE_STEPS } from '../syscalls/index.js';
import type { ApplyContext } from './apply-context.js';
import type { EntryAttributes } from './entry-header.js';
import { explainEntryError } from './entry-path.js';
import { removeExisting } from './replace-existing.js';
import { at } from './root-dir.js';

/** A regular file whose whole body is in memory, waiting for its batch (see WritePool). */
export interface SmallFile {
  readonly entryName: string;
  readonly parts: readonly string[];
  /** The parent directory, held open by the RootDir cache until the pool drains. */
  readonly dirFd: number;
  readonly attrs: EntryAttributes;
  readonly chunks: readonly Uint8Array[];
  readonly size: number;
}

const EEXIST = 17;

/**
 * Writes a batch of small files off the main thread in one native call (create O_EXCL|O_NOFOLLOW in the
 * parent fd, write, fchown, fchmod, futimens, close). Files without xattrs only: those take the
 * streaming path. A name that already exists is removed (as createReplacing does) and written again.
 */
export async function writeSmallFiles(ctx: ApplyContext, files: readonly SmallFile[]): Promise<void> {
  const retry: SmallFile[] = [];
  await writeBatch(ctx, files, (file) => {
    removeExisting(ctx, at(file.dirFd, file.parts.at(-1) as string), false);
    retry.push(file);
  });
  if (retry.length > 0) await writeBatch(ctx, retry, undefined);
}

async function writeBatch(
  ctx: ApplyContext,
  files: readonly SmallFile[],
  onExists: ((file: SmallFile) => void) | undefined,
): Promise<void> {
  const dirFds = new Int32Array(files.length);
  const meta = new Float64Array(files.length * WRITE_META_FIELDS);
  const names: string[] = [];
  const bodies: Uint8Array[] = [];
  let bytes = 0;
  for (const [i, file] of files.entries()) {
    const { attrs } = file;
    dirFds[i] = file.dirFd;
    names.push(file.parts.at(-1) as string, '\0');
    for (const chunk of file.chunks) bodies.push(chunk);
    bytes += file.size;
    meta.set(
      [
        file.size,
        attrs.uid,
        attrs.gid,
        attrs.mode,
        attrs.atime.sec,
        attrs.atime.nsec,
        attrs.mtime.sec,
        attrs.mtime.nsec,
      ],
      i * WRITE_META_FIELDS,
    );
  }
  const data = Buffer.concat(bodies, bytes);
  const results = await native().writeFiles(dirFds, Buffer.from(names.join('')), data, meta, ctx.chown);
  for (const [i, file] of files.entries()) {
    const errno = results[2 * i] as number;
    if (errno === 0 || errno === -1) continue;
    const step = WRITE_STEPS[results[2 * i + 1] as number] ?? 'writeFiles';
    if (errno === EEXIST && step === 'openat' && onExists) onExists(file);
    else throw explainEntryError(file.entryName, systemError(errno, step, file));
  }
}

function systemError(errno: number, syscall: string, file: SmallFile): Error {
  const code = getSystemErrorName(-errno);
  const err = new Error(`${code}: ${syscall} ${JSON.stringify(file.parts.join('/'))}`);
  return Object.assign(err, { code, errno: -errno, syscall });
}
