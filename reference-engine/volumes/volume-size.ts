import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A volume's size as dockerd counts it (pkg/directory.Size): bytes of every non-directory, each inode once. */
export function volumeSize(dir: string): number {
  const seen = new Set<number>();
  let size = 0;
  const visit = (path: string): void => {
    const st = lstatSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    if (st.size === 0 || seen.has(st.ino)) return;
    seen.add(st.ino);
    size += st.size;
  };
  visit(dir);
  return size;
}
