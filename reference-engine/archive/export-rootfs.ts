import { closeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { packStream } from '../../core/tar/index.js';
import { openRoot } from './in-root.js';
import { packDirContents } from './pack-tree.js';

/**
 * GET /containers/{id}/export: the whole root as a tar (names relative, no `./` prefix), walked
 * through fds beneath the root (pack-tree.ts). `done` runs when the stream has ended or failed.
 */
export function exportRootfs(rootHost: string, done: () => Promise<void>): Readable {
  return packStream(async (tar) => {
    let rootFd = -1;
    try {
      rootFd = openRoot(rootHost);
      await packDirContents(tar, rootFd, '', new Map());
    } finally {
      if (rootFd >= 0) closeSync(rootFd);
      await done();
    }
  });
}
