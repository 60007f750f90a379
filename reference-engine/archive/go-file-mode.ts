import { constants } from 'node:fs';

// Go's os.FileMode type bits (what dockerd's stat header carries).
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const MODE_DEVICE = 2 ** 26;
const MODE_NAMED_PIPE = 2 ** 25;
const MODE_SOCKET = 2 ** 24;
const MODE_SETUID = 2 ** 23;
const MODE_SETGID = 2 ** 22;
const MODE_CHAR_DEVICE = 2 ** 21;
const MODE_STICKY = 2 ** 20;

/** A unix st_mode as Go's os.FileMode (permission bits plus type and special bits at the top). */
export function goFileMode(mode: number): number {
  const type = mode & constants.S_IFMT;
  let out = mode & 0o777;
  if (type === constants.S_IFDIR) out += MODE_DIR;
  else if (type === constants.S_IFLNK) out += MODE_SYMLINK;
  else if (type === constants.S_IFIFO) out += MODE_NAMED_PIPE;
  else if (type === constants.S_IFSOCK) out += MODE_SOCKET;
  else if (type === constants.S_IFBLK) out += MODE_DEVICE;
  else if (type === constants.S_IFCHR) out += MODE_DEVICE + MODE_CHAR_DEVICE;
  if (mode & 0o4000) out += MODE_SETUID;
  if (mode & 0o2000) out += MODE_SETGID;
  if (mode & 0o1000) out += MODE_STICKY;
  return out;
}

/** Go's time.Time JSON (RFC 3339 with the fraction's trailing zeros dropped), in UTC. */
export function goTimeJson(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const iso = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${iso}${fraction ? `.${fraction}` : ''}Z`;
}
