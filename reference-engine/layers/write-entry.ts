import {
  closeSync,
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { errnoCode, native } from '../syscalls/index.js';
import type { ApplyContext } from './apply-context.js';
import { entryAttributes, type LayerHeader } from './entry-header.js';
import { entryComponents, refuse } from './entry-path.js';
import { createReplacing } from './replace-existing.js';
import { at } from './root-dir.js';
import { setAttributes } from './set-attributes.js';

const CREATE_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Writes one non-whiteout entry beneath the root (parts: its path components, already checked). */
export async function writeEntry(
  ctx: ApplyContext,
  header: LayerHeader,
  parts: string[],
  data: AsyncIterable<Uint8Array>,
  raw?: ReadonlyMap<string, Buffer>,
): Promise<void> {
  const entryName = header.name;
  if (parts.length === 0 && header.type !== 'directory')
    throw refuse(entryName, 'the root must be a directory');
  const attrs = entryAttributes(header, raw);
  const name = parts.at(-1) ?? '.';
  const dirFd = ctx.root.parent(entryName, parts.slice(0, -1), true);
  const path = at(dirFd, name);
  const opts = { chown: ctx.chown };
  switch (header.type) {
    case 'file':
    case 'contiguous-file': {
      let fd = -1;
      createReplacing(ctx, dirFd, name, false, () => {
        fd = openSync(path, CREATE_FILE, 0o600);
      });
      try {
        for await (const chunk of data) writeAll(fd, chunk);
        setAttributes(path, attrs, 'other', { ...opts, fd });
      } finally {
        closeSync(fd);
      }
      break;
    }
    case 'directory':
      if (parts.length > 0) createReplacing(ctx, dirFd, name, true, () => mkdirSync(path, 0o700));
      setAttributes(path, attrs, 'directory', opts);
      ctx.dirTimes.push({ name: entryName, parts, attrs });
      break;
    case 'symlink':
      createReplacing(ctx, dirFd, name, false, () => symlinkSync(header.linkname ?? '', path));
      setAttributes(path, attrs, 'symlink', opts);
      break;
    case 'link':
      writeHardlink(ctx, header, path, dirFd, name);
      break;
    case 'character-device':
    case 'block-device':
    case 'fifo': {
      const n = native();
      const type = {
        'character-device': n.constants.S_IFCHR,
        'block-device': n.constants.S_IFBLK,
        fifo: n.constants.S_IFIFO,
      }[header.type];
      createReplacing(ctx, dirFd, name, false, () =>
        n.mknod(path, type | 0o600, header.devmajor ?? 0, header.devminor ?? 0),
      );
      setAttributes(path, attrs, 'other', opts);
      break;
    }
    default:
      throw refuse(entryName, `unsupported entry type ${String(header.type)}`);
  }
  ctx.written?.add(parts.join('/'));
}

function writeAll(fd: number, chunk: Uint8Array): void {
  for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
}

/** A hardlink's target must already exist beneath the root (as tar resolves it: relative to the root). */
function writeHardlink(
  ctx: ApplyContext,
  header: LayerHeader,
  path: string,
  dirFd: number,
  name: string,
): void {
  const entryName = header.name;
  const targetParts = entryComponents(header.linkname ?? '', 'hardlink target');
  if (targetParts.length === 0) throw refuse(entryName, 'hardlink to the root');
  const targetDir = ctx.root.parent(entryName, targetParts.slice(0, -1), false);
  const target = at(targetDir, targetParts.at(-1) as string);
  try {
    if (lstatSync(target).isDirectory()) throw refuse(entryName, 'hardlink to a directory');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT')
      throw refuse(entryName, `hardlink target ${JSON.stringify(header.linkname)} not found in the root`);
    throw err;
  }
  createReplacing(ctx, dirFd, name, false, () => linkSync(target, path));
}
