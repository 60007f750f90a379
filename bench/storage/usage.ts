import { lstatSync, readdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Allocated bytes of a tree (hardlinked inodes once), staying on `dir`'s filesystem (so mounted
 * container roots are not counted twice) and tolerating entries that vanish while it walks.
 */
export function treeBytes(dir: string): number {
  const root = lstatSync(dir, { bigint: true });
  const seen = new Set<bigint>();
  let bytes = 0;
  const stack = [dir];
  for (let path = stack.pop(); path !== undefined; path = stack.pop()) {
    let st: ReturnType<typeof lstatSync> & { ino: bigint; dev: bigint; blocks: bigint };
    try {
      st = lstatSync(path, { bigint: true });
    } catch {
      continue;
    }
    if (st.dev !== root.dev || seen.has(st.ino)) continue;
    seen.add(st.ino);
    bytes += Number(st.blocks) * 512;
    if (!st.isDirectory()) continue;
    try {
      for (const name of readdirSync(path)) stack.push(join(path, name));
    } catch {
      // removed meanwhile
    }
  }
  return bytes;
}

/** Used bytes of the filesystem holding `dir` (for btrfs, where du counts shared extents many times). */
export function filesystemUsedBytes(dir: string): number {
  const s = statfsSync(dir);
  return (s.blocks - s.bfree) * s.bsize;
}
