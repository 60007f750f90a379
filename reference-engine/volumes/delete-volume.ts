import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diskUsage } from '../storage/disk-usage.js';

export interface Deleted {
  bytes: number;
}

/** Removes ROOT/<name>: renamed aside first so a crash never leaves a half-deleted volume listed. */
export function deleteVolumeDir(root: string, name: string): Deleted {
  const dir = join(root, name);
  let bytes = 0;
  try {
    bytes = diskUsage(join(dir, '_data')).size;
  } catch {
    // a volume without _data frees nothing countable
  }
  const aside = join(root, `.tmp-rm-${name}`);
  renameSync(dir, aside);
  rmSync(aside, { recursive: true, force: true });
  return { bytes };
}
