import { posix } from 'node:path';
import type { ContainerRecord } from '../containers/types.js';
import { InvalidArgument } from '../errors.js';

/**
 * A `path` query as an absolute container path, cleaned as dockerd does (`..` cannot climb above `/`)
 * while keeping a trailing `/` or `/.`: they ask for the final symlink to be followed, and for a
 * directory's contents rather than the directory.
 */
export function containerAbsPath(path: string | undefined): string {
  if (path === undefined || path === '') throw new InvalidArgument('path cannot be empty');
  if (path.includes('\0')) throw new InvalidArgument('path contains a NUL byte');
  let clean = posix.normalize(`/${path}`);
  if (clean.length > 1 && clean.endsWith('/')) clean = clean.slice(0, -1);
  if ((path === '.' || path.endsWith('/.')) && !clean.endsWith('/.'))
    return clean === '/' ? '/.' : `${clean}/.`;
  if (path.endsWith('/') && !clean.endsWith('/')) return `${clean}/`;
  return clean;
}

/** Where a container path lives on the host: the rootfs, or a volume or bind mount over it. */
export interface PathPlace {
  /** A mount's source (volume data dir, bind source), or undefined for the container's rootfs. */
  mountSource?: string;
  /** The path inside that root (with the trailing `/` or `/.` kept). */
  inner: string;
  readOnly: boolean;
  /** Why a write is refused when `readOnly`. */
  readOnlyReason: string;
}

/**
 * The place of `absPath`: inside the longest mount destination that holds it (volumes and binds; a
 * tmpfs lives only in the container and is not reachable), else the rootfs. Decided on the cleaned
 * path: a symlink inside the rootfs that points into a mount is followed inside the rootfs.
 */
export function pathPlace(record: ContainerRecord, absPath: string): PathPlace {
  const clean = absPath.replace(/\/\.?$/, '') || '/';
  const tail = absPath.endsWith('/.') ? '/.' : absPath.endsWith('/') && absPath !== '/' ? '/' : '';
  let best: ContainerRecord['mounts'][number] | undefined;
  for (const m of record.mounts) {
    if (!m.Source || m.Type === 'tmpfs') continue;
    const dest = m.Destination.replace(/\/+$/, '') || '/';
    const inside = clean === dest || clean.startsWith(`${dest}/`);
    if (inside && (!best || dest.length > best.Destination.length)) best = m;
  }
  if (best) {
    const dest = best.Destination.replace(/\/+$/, '');
    const rest = clean.slice(dest.length) || '/';
    return {
      mountSource: best.Source,
      inner: rest === '/' ? (tail === '/.' ? '/.' : '/') : `${rest}${tail}`,
      readOnly: !best.RW,
      readOnlyReason: 'mounted volume is marked read-only',
    };
  }
  return {
    inner: absPath,
    readOnly: record.hostConfig.ReadonlyRootfs === true,
    readOnlyReason: 'container rootfs is marked read-only',
  };
}
