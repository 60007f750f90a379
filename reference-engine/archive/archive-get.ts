import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { packStream } from '../../core/tar/index.js';
import { goFileMode, goTimeJson } from './go-file-mode.js';
import { packDirSelf, packEntry } from './pack-tree.js';
import { linkTargetOf, type ResolvedTarget } from './resolve-target.js';

/** The X-Docker-Container-Path-Stat document (dockerd's ContainerPathStat). */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** The name the archive gives the target (dockerd: the base of the asked path; `.` for `/.`). */
function baseName(inner: string): string {
  if (inner.endsWith('/.')) return '.';
  const clean = inner.replace(/\/+$/, '');
  return clean === '' ? '/' : posix.basename(clean);
}

export function pathStat(t: ResolvedTarget): PathStat {
  return {
    name: baseName(t.inner),
    size: Number(t.stat.size),
    mode: goFileMode(Number(t.stat.mode)),
    mtime: goTimeJson(t.stat.mtimeNs),
    linkTarget: t.stat.isSymbolicLink() ? linkTargetOf(t) : '',
  };
}

/** The stat header's value: the PathStat as base64 JSON. */
export const pathStatHeader = (stat: PathStat): string =>
  Buffer.from(JSON.stringify(stat)).toString('base64');

/**
 * The tar of the target, named as dockerd names it: a file or a symlink (not followed) as its base
 * name; a directory as `name/` with its contents below; `/.` as `./`, and `/` as `/`, with their
 * contents. `t` is closed
 * when the stream ends or fails.
 */
export function archiveTar(t: ResolvedTarget): Readable {
  return packStream(async (tar) => {
    try {
      const links = new Map<string, string>();
      const name = baseName(t.inner);
      if (t.name === '') await packDirSelf(tar, t.dirFd, name, links);
      else await packEntry(tar, t.dirFd, t.name, name, links);
    } finally {
      t.close();
    }
  });
}
