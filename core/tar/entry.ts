import type { Header } from 'tar-stream';

/** The kinds of tar entry, in tar-stream's words. */
export type TarEntryType = Header['type'];

/** A regular file's bytes: whole, or streamed as chunks (then the entry's `size` says how many). */
export type TarContent = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * One tar entry, to write or as read back: the header fields (tar-stream's names) and, for a regular
 * file, its content. Absent fields take fixed values, so equal entries give equal bytes: type `file`,
 * mode 0755 for a directory and 0644 otherwise, uid and gid 0, no user or group name, mtime 0 (the
 * epoch), size from the content.
 */
export interface TarEntry {
  readonly name: string;
  readonly type?: TarEntryType;
  /** Permission bits, including setuid, setgid and sticky. */
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly uname?: string;
  readonly gname?: string;
  readonly mtime?: Date;
  /** Target of a symlink, or the earlier entry a hard link (`link`) names. */
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
  /** PAX records (UTF-8 text), written in a PAX header ahead of the entry. */
  readonly pax?: Readonly<Record<string, string>>;
  /** Content length: required when `content` is streamed, otherwise taken from the content. */
  readonly size?: number;
  /** A regular file's bytes; entries of other types have none. */
  readonly content?: TarContent;
}

/** An entry as `readTar` gives it: every header field, and the file's bytes (empty for other types). */
export interface ReadTarEntry extends TarEntry {
  readonly type: TarEntryType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: Date;
  readonly size: number;
  readonly content: Buffer;
}

/** Entry types whose header is followed by content. */
export const hasContent = (type: TarEntryType | undefined): boolean =>
  type === undefined || type === 'file' || type === 'contiguous-file';

/** The tar-stream header for `entry`, with the fixed values above for what it leaves out. */
export function tarHeader(entry: TarEntry): Header {
  const type = entry.type ?? 'file';
  return {
    name: entry.name,
    type,
    mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
    uid: entry.uid ?? 0,
    gid: entry.gid ?? 0,
    uname: entry.uname ?? '',
    gname: entry.gname ?? '',
    mtime: entry.mtime ?? EPOCH,
    size: entry.size ?? 0,
    linkname: entry.linkname ?? '',
    devmajor: entry.devmajor ?? 0,
    devminor: entry.devminor ?? 0,
    ...(entry.pax === undefined ? {} : { pax: { ...entry.pax } }),
  };
}

const EPOCH = new Date(0);
