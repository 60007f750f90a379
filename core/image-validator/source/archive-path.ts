import { posix } from 'node:path';

/**
 * Normalize a tar entry name to a layout-relative path: no leading `./` or `/`, no trailing slash.
 * Returns undefined when the name climbs above the archive root.
 */
export function archivePath(name: string): string | undefined {
  const normal = posix.normalize(name.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal === '.' ? '' : normal;
}

/** Where a symlink entry points, inside the archive, or undefined when it escapes. */
export function symlinkTarget(linkPath: string, linkname: string): string | undefined {
  if (linkname.startsWith('/')) return undefined;
  return archivePath(posix.join(posix.dirname(linkPath), linkname)) || undefined;
}

/** Every ancestor directory of a path (`a/b/c` -> `a`, `a/b`). */
export function parentDirs(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
