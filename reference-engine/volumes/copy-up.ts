import { chmodSync, lchownSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { copyTree } from '../storage/copy-tree.js';

/**
 * Docker's copy-up: the image's content at the mount point goes into a still-empty volume, with the
 * directory's owner and mode. Nothing happens when `fromDir` is not a directory (absent, a file, a
 * symlink: never followed) or when the volume already holds something.
 */
export function copyUp(fromDir: string, data: string): void {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(fromDir);
  } catch {
    return;
  }
  if (!st.isDirectory() || readdirSync(data).length > 0) return;
  for (const name of readdirSync(fromDir)) copyTree(join(fromDir, name), join(data, name));
  lchownSync(data, st.uid, st.gid);
  chmodSync(data, st.mode & 0o7777);
}
