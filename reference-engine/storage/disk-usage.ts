import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Usage } from './types.js';

/** Disk usage of a tree: allocated bytes and inodes, each hardlinked inode counted once. */
export function diskUsage(dir: string): Usage {
  const seen = new Set<string>();
  let size = 0;
  const visit = (path: string): void => {
    const st = lstatSync(path, { bigint: true });
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    size += Number(st.blocks) * 512;
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return { size, inodes: seen.size };
}
