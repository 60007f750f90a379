import type { Header } from 'tar-stream';

/** tar-stream's header plus the PAX records it parses but does not declare. */
export interface LayerHeader extends Omit<Header, 'pax'> {
  pax?: Record<string, string> | null;
}

export interface Timestamp {
  sec: number;
  nsec: number;
}

/** Owner, mode, times and xattrs an entry asks for, with PAX records taking precedence. */
export interface EntryAttributes {
  uid: number;
  gid: number;
  /** Permission bits including setuid, setgid and sticky. */
  mode: number;
  mtime: Timestamp;
  atime: Timestamp;
  xattrs: Map<string, Buffer>;
}

const XATTR_PREFIXES = ['SCHILY.xattr.', 'LIBARCHIVE.xattr.'];

/** PAX time "1700000000.123456789" (fraction optional) → seconds + nanoseconds. */
export function parsePaxTime(value: string): Timestamp | undefined {
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match?.[1]) return undefined;
  const nsec = Number((match[2] ?? '').slice(0, 9).padEnd(9, '0'));
  return { sec: Number(match[1]), nsec };
}

/** `raw`: the entry's SCHILY.xattr values as bytes (RawPaxScanner); they replace tar-stream's UTF-8 text. */
export function entryAttributes(header: LayerHeader, raw?: ReadonlyMap<string, Buffer>): EntryAttributes {
  const pax = header.pax ?? {};
  const seconds = Math.floor((header.mtime?.getTime() ?? 0) / 1000);
  const mtime = (pax.mtime && parsePaxTime(pax.mtime)) || { sec: seconds, nsec: 0 };
  const atime = (pax.atime && parsePaxTime(pax.atime)) || mtime;
  const xattrs = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(pax)) {
    if (key.startsWith(XATTR_PREFIXES[0] as string)) {
      const name = key.slice(13);
      xattrs.set(name, raw?.get(name) ?? Buffer.from(value, 'utf8'));
    } else if (key.startsWith(XATTR_PREFIXES[1] as string)) {
      xattrs.set(decodeURIComponent(key.slice(17)), Buffer.from(value, 'base64'));
    }
  }
  return {
    uid: pax.uid ? Number(pax.uid) : (header.uid ?? 0),
    gid: pax.gid ? Number(pax.gid) : (header.gid ?? 0),
    mode: (header.mode ?? 0o644) & 0o7777,
    mtime,
    atime,
    xattrs,
  };
}
