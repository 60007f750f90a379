import {
  type BigIntStats,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  read,
  readdirSync,
  readlinkSync,
} from 'node:fs';
import { promisify } from 'node:util';
import type { Pack } from 'tar-stream';
import { type TarEntry, writeEntry } from '../../core/tar/index.js';
import { native } from '../syscalls/index.js';
import { fdPath } from './in-root.js';

const readAt = promisify(read);
const CHUNK = 256 * 1024;

/** Hard links already packed: "dev:ino" -> the first entry's name. */
export type LinkMap = Map<string, string>;

/**
 * Packs the tree below a directory held open as `dirFd` without ever following a symlink: each
 * child is lstat'ed through its parent's fd, a subdirectory is opened with openat2(RESOLVE_BENEATH |
 * NO_SYMLINKS) and a file read from an fd opened the same way, so a tree changing under a running
 * container cannot redirect a read outside it. Entries are named `prefix/child` (`child` when no prefix).
 */
export async function packDirContents(
  tar: Pack,
  dirFd: number,
  prefix: string,
  links: LinkMap,
): Promise<void> {
  const names = readdirSync(fdPath(dirFd)).sort();
  for (const name of names) await packEntry(tar, dirFd, name, childName(prefix, name), links);
}

const childName = (prefix: string, name: string): string =>
  prefix === '' ? name : prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`;

/** The directory held as `dirFd` itself as `tarName/` (`/` stays `/`), then its contents. */
export async function packDirSelf(tar: Pack, dirFd: number, tarName: string, links: LinkMap): Promise<void> {
  const st = lstatSync(fdPath(dirFd), { bigint: true });
  await writeEntry(tar, { ...base(tarName.endsWith('/') ? tarName : `${tarName}/`, st), type: 'directory' });
  await packDirContents(tar, dirFd, tarName, links);
}

/** One entry `name` of the directory `parentFd` (not followed), and below it when a directory. */
export async function packEntry(
  tar: Pack,
  parentFd: number,
  name: string,
  tarName: string,
  links: LinkMap,
): Promise<void> {
  let st: BigIntStats;
  try {
    st = lstatSync(fdPath(parentFd, name), { bigint: true });
  } catch {
    return; // gone since the listing
  }
  if (st.isSocket()) return;
  const key = `${st.dev}:${st.ino}`;
  const first = !st.isDirectory() && st.nlink > 1n ? links.get(key) : undefined;
  if (first !== undefined) return writeEntry(tar, { ...base(tarName, st), type: 'link', linkname: first });
  if (st.isDirectory()) {
    const fd = openBeneath(parentFd, name, native().constants.O_PATH | native().constants.O_DIRECTORY);
    if (fd === undefined) return;
    try {
      await packDirSelf(tar, fd, tarName, links);
    } finally {
      closeSync(fd);
    }
    return;
  }
  if (st.nlink > 1n) links.set(key, tarName);
  if (st.isFile()) return packFile(tar, parentFd, name, tarName);
  if (st.isSymbolicLink())
    return writeEntry(tar, {
      ...base(tarName, st),
      type: 'symlink',
      linkname: readlinkSync(fdPath(parentFd, name)),
    });
  const type = st.isFIFO() ? 'fifo' : st.isCharacterDevice() ? 'character-device' : 'block-device';
  const rdev = st.rdev;
  return writeEntry(tar, {
    ...base(tarName, st),
    type,
    devmajor: Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn)),
    devminor: Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn)),
  });
}

/** A regular file read from an fd opened beneath its parent; exactly the size fstat gave is written. */
async function packFile(tar: Pack, parentFd: number, name: string, tarName: string): Promise<void> {
  const fd = openBeneath(parentFd, name, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  if (fd === undefined) return;
  try {
    const st = fstatSync(fd, { bigint: true });
    if (!st.isFile()) return; // replaced by something else since the listing
    const size = Number(st.size);
    await writeEntry(tar, { ...base(tarName, st), type: 'file', size, content: fileBytes(fd, size) });
  } finally {
    closeSync(fd);
  }
}

/** `size` bytes of the file: what it has, padded with zeros if it shrank meanwhile. */
async function* fileBytes(fd: number, size: number): AsyncGenerator<Buffer> {
  let at = 0;
  while (at < size) {
    const buf = Buffer.alloc(Math.min(CHUNK, size - at));
    const { bytesRead } = await readAt(fd, buf, 0, buf.length, at);
    if (bytesRead === 0) {
      yield buf; // zeros: the file is shorter than its header says
      at += buf.length;
      continue;
    }
    at += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}

function openBeneath(parentFd: number, name: string, flags: number): number | undefined {
  const n = native();
  const c = n.constants;
  try {
    return n.openat2(
      parentFd,
      name,
      flags | c.O_NOFOLLOW | c.O_CLOEXEC,
      0,
      c.RESOLVE_BENEATH | c.RESOLVE_NO_SYMLINKS | c.RESOLVE_NO_MAGICLINKS,
    );
  } catch {
    return undefined; // gone, or swapped for a symlink since the lstat
  }
}

function base(name: string, st: BigIntStats): TarEntry {
  return {
    name,
    mode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
    mtime: new Date(Number(st.mtimeNs / 1_000_000n)),
  };
}
