import { closeSync, lstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Conflict, InvalidArgument, ReferenceEngineError } from '../errors.js';
import { applyLayer } from '../layers/apply-layer.js';
import type { LayerHeader } from '../layers/entry-header.js';
import { errnoCode, native } from '../syscalls/index.js';
import { fdPath, openRoot, pathInRoot } from './in-root.js';

export interface ExtractOptions {
  /** Refuse to replace a directory with a non-directory or the other way round (409). */
  noOverwriteDirNonDir: boolean;
  /** The error for a destination that does not exist. */
  missing: () => Error;
}

/**
 * PUT archive: extracts a tar (plain, gzip or zstd) into the directory `inner` of the root. The
 * destination is resolved inside the root (RESOLVE_IN_ROOT) and held open; the layer apply writes
 * beneath it without following any symlink, so no entry and no link in the tree can lead out.
 */
export async function extractInto(
  rootHost: string,
  inner: string,
  body: Readable,
  opts: ExtractOptions,
): Promise<void> {
  const rootFd = openRoot(rootHost);
  let destFd: number;
  try {
    destFd = pathInRoot(rootFd, inner, { directory: true });
  } catch (err) {
    closeSync(rootFd);
    if (errnoCode(err) === 'ENOENT') throw opts.missing();
    if (errnoCode(err) === 'ENOTDIR') throw new InvalidArgument('extraction point is not a directory');
    throw err;
  }
  try {
    await applyLayer(fdPath(destFd), body, {
      whiteouts: 'remove',
      ...(opts.noOverwriteDirNonDir && {
        beforeEntry: (h: LayerHeader, parts: readonly string[]) => noOverwrite(destFd, h, parts),
      }),
    });
  } catch (err) {
    if (err instanceof ReferenceEngineError || errnoCode(err) !== undefined) throw err;
    throw new InvalidArgument(
      `Error processing tar file: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    closeSync(destFd);
    closeSync(rootFd);
  }
}

/** dockerd's noOverwriteDirNonDir rule for one entry against what is already there. */
function noOverwrite(destFd: number, header: LayerHeader, parts: readonly string[]): void {
  if (parts.length === 0) return;
  const n = native();
  const c = n.constants;
  let parentFd: number;
  try {
    const dir = parts.slice(0, -1).join('/') || '.';
    const resolve = c.RESOLVE_BENEATH | c.RESOLVE_NO_SYMLINKS | c.RESOLVE_NO_MAGICLINKS;
    parentFd = n.openat2(destFd, dir, c.O_PATH | c.O_DIRECTORY | c.O_CLOEXEC, 0, resolve);
  } catch {
    return; // no parent yet: nothing to overwrite
  }
  try {
    const existing = lstatSync(fdPath(parentFd, parts.at(-1) ?? '.'), { throwIfNoEntry: false });
    if (!existing) return;
    const path = `/${parts.join('/')}`;
    const incomingDir = header.type === 'directory';
    if (existing.isDirectory() && !incomingDir)
      throw new Conflict(`cannot overwrite directory "${path}" with non-directory "${path}"`);
    if (!existing.isDirectory() && incomingDir)
      throw new Conflict(`cannot overwrite non-directory "${path}" with directory "${path}"`);
  } finally {
    closeSync(parentFd);
  }
}
