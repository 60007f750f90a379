import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Pack } from 'tar-stream';
import { packStream } from '../../core/tar/index.js';
import { NotImplemented } from '../errors.js';
import { errnoCode, native } from '../syscalls/index.js';
import { OPAQUE, WHITEOUT_PREFIX } from './apply-whiteout.js';
import { packPath, packWhiteout } from './pack-path.js';

/**
 * The layer tar of an overlay upper dir (a container's changes): a char device 0/0 becomes `.wh.NAME`,
 * a directory with trusted.overlay.opaque=y gets `.wh..wh..opq`. Order is deterministic: per directory,
 * whiteouts first, then entries by name, each directory followed by its contents. A renamed lower
 * directory (trusted.overlay.redirect) cannot be expressed from the upper alone: NotImplemented, and the
 * caller diffs the mounted view against the parent's with `diffTrees` instead.
 */
export function diffOverlayUpper(upper: string): Readable {
  return packStream((tar) => walk(tar, upper, '', new Map()));
}

async function walk(tar: Pack, upper: string, rel: string, links: Map<string, string>): Promise<void> {
  const dir = join(upper, rel);
  const children = readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      rel: rel ? `${rel}/${name}` : name,
      st: lstatSync(join(dir, name), { bigint: true }),
    }));
  for (const { name, st } of children) {
    if (st.isCharacterDevice() && st.rdev === 0n) {
      const whiteout = `${WHITEOUT_PREFIX}${name}`;
      await packWhiteout(tar, rel ? `${rel}/${whiteout}` : whiteout, st.mtime);
    }
  }
  for (const child of children) {
    if (child.st.isCharacterDevice() && child.st.rdev === 0n) continue;
    const abs = join(dir, child.name);
    await packPath(tar, child.rel, abs, child.st, links);
    if (!child.st.isDirectory()) continue;
    if (xattr(abs, 'trusted.overlay.redirect') !== undefined) {
      throw new NotImplemented(
        `${child.rel} is a renamed lower directory (overlay redirect): diff the merged view`,
      );
    }
    if (xattr(abs, 'trusted.overlay.opaque') === 'y')
      await packWhiteout(tar, `${child.rel}/${OPAQUE}`, child.st.mtime);
    await walk(tar, upper, child.rel, links);
  }
}

function xattr(path: string, name: string): string | undefined {
  try {
    return native().lgetxattr(path, name).toString();
  } catch (err) {
    if (errnoCode(err) === 'ENODATA') return undefined;
    throw err;
  }
}
