import { type BigIntStats, createReadStream, readlinkSync } from 'node:fs';
import type { Pack } from 'tar-stream';
import { type TarEntry, type TarEntryType, writeEntry } from '../../core/tar/index.js';
import { native } from '../syscalls/index.js';
import { encodeRawPax } from './raw-pax.js';

/** Overlayfs bookkeeping never goes into a layer. */
const isPrivateXattr = (name: string) => name.startsWith('trusted.overlay.');

/**
 * Adds the filesystem entry at `abs` to `pack` as `rel` (no leading slash), with owner, mode, nanosecond
 * mtime and xattrs (byte-exact, see raw-pax.ts) in a PAX header written ahead of the entry. A second path of an inode already packed in this changeset becomes a
 * hardlink entry (`links`: "dev:ino" → first rel). Sockets are skipped (tar cannot hold them).
 */
export async function packPath(
  pack: Pack,
  rel: string,
  abs: string,
  st: BigIntStats,
  links: Map<string, string>,
): Promise<void> {
  if (st.isSocket()) return;
  const header = {
    name: st.isDirectory() ? `${rel}/` : rel,
    mode: Number(st.mode & 0o7777n),
    uid: Number(st.uid),
    gid: Number(st.gid),
    mtime: new Date(Number(st.mtimeNs / 1_000_000n)),
  };
  const records = paxRecords(abs, st);
  const key = `${st.dev}:${st.ino}`;
  const first = !st.isDirectory() && st.nlink > 1n ? links.get(key) : undefined;
  if (first !== undefined) {
    await writeEntry(pack, withPax(pack, { ...header, type: 'link', linkname: first }, records));
    return;
  }
  if (!st.isDirectory() && st.nlink > 1n) links.set(key, rel);
  if (st.isFile()) {
    const file = withPax(pack, { ...header, size: Number(st.size) }, records);
    await writeEntry(pack, { ...file, content: createReadStream(abs) });
    return;
  }
  let type: TarEntryType = 'directory';
  let device = {};
  if (st.isSymbolicLink()) type = 'symlink';
  else if (st.isFIFO()) type = 'fifo';
  else if (!st.isDirectory()) {
    type = st.isCharacterDevice() ? 'character-device' : 'block-device';
    device = {
      devmajor: Number(((st.rdev >> 8n) & 0xfffn) | ((st.rdev >> 32n) & ~0xfffn)),
      devminor: Number((st.rdev & 0xffn) | ((st.rdev >> 12n) & ~0xffn)),
    };
  }
  const linkname = type === 'symlink' ? { linkname: readlinkSync(abs) } : {};
  await writeEntry(pack, withPax(pack, { ...header, type, ...linkname, ...device }, records));
}

/**
 * Pushes our own PAX header for `header` into the (idle) pack, so tar-stream writes none: path and
 * linkpath go into it when they do not fit a ustar header, and the header keeps a placeholder.
 */
function withPax(pack: Pack, header: TarEntry, records: Array<[string, Buffer]>): TarEntry {
  let out = header;
  if (!fitsUstar(header.name)) {
    records.push(['path', Buffer.from(header.name)]);
    out = { ...out, name: header.name.endsWith('/') ? 'PaxPath/' : 'PaxPath' };
  }
  if (header.linkname && (header.linkname.length > 100 || !isAscii(header.linkname))) {
    records.push(['linkpath', Buffer.from(header.linkname)]);
    out = { ...out, linkname: 'PaxLinkPath' };
  }
  pack.push(encodeRawPax(records, Math.floor((header.mtime?.getTime() ?? 0) / 1000)));
  return out;
}

const isAscii = (text: string) => Buffer.byteLength(text) === text.length;

/** Whether tar-stream can encode `name` in a ustar header (name ≤ 100 bytes plus prefix ≤ 155, ASCII). */
function fitsUstar(name: string): boolean {
  if (!isAscii(name)) return false;
  let rest = name;
  let prefix = '';
  while (rest.length > 100) {
    const i = rest.indexOf('/');
    if (i === -1) return false;
    prefix += prefix ? `/${rest.slice(0, i)}` : rest.slice(0, i);
    rest = rest.slice(i + 1);
  }
  return prefix.length <= 155;
}

/** An empty regular file entry that marks a removal (`.wh.NAME`) or an opaque directory (`.wh..wh..opq`). */
export function packWhiteout(pack: Pack, rel: string, mtime: Date): Promise<void> {
  return writeEntry(pack, { name: rel, mtime });
}

function paxRecords(abs: string, st: BigIntStats): Array<[string, Buffer]> {
  const sec = st.mtimeNs / 1_000_000_000n;
  const nsec = (st.mtimeNs % 1_000_000_000n).toString().padStart(9, '0');
  const records: Array<[string, Buffer]> = [['mtime', Buffer.from(`${sec}.${nsec}`)]];
  const n = native();
  for (const name of n.llistxattr(abs).sort()) {
    if (!isPrivateXattr(name)) records.push([`SCHILY.xattr.${name}`, n.lgetxattr(abs, name)]);
  }
  return records;
}
