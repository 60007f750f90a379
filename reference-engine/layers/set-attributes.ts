import { chmodSync, fchmodSync, lchownSync } from 'node:fs';
import { native } from '../syscalls/index.js';
import type { EntryAttributes } from './entry-header.js';

/** Overlayfs reads these from the layer dirs; a layer must never be able to set them itself. */
const RESERVED_XATTR = 'trusted.overlay.';

export type AttributeTarget = 'symlink' | 'directory' | 'other';

/**
 * Applies owner, then mode (chown clears setuid/setgid), then xattrs (chown also clears
 * security.capability), then times — except directory times, which the caller sets after the contents.
 * `path` must name the entry itself (a /proc/self/fd/<parent>/<name> path); symlinks are never followed.
 */
export function setAttributes(
  path: string,
  attrs: EntryAttributes,
  target: AttributeTarget,
  options: { chown: boolean; fd?: number },
): void {
  if (options.chown) lchownSync(path, attrs.uid, attrs.gid);
  if (target !== 'symlink') {
    if (options.fd !== undefined) fchmodSync(options.fd, attrs.mode);
    else chmodSync(path, attrs.mode);
  }
  setXattrs(path, attrs);
  if (target !== 'directory') setTimes(path, attrs);
}

export function setXattrs(path: string, attrs: Pick<EntryAttributes, 'xattrs'>): void {
  const n = native();
  for (const [name, value] of attrs.xattrs) {
    if (!name.startsWith(RESERVED_XATTR)) n.lsetxattr(path, name, value, 0);
  }
}

export function setTimes(path: string, attrs: Pick<EntryAttributes, 'atime' | 'mtime'>): void {
  native().utimensat(path, attrs.atime.sec, attrs.atime.nsec, attrs.mtime.sec, attrs.mtime.nsec);
}
