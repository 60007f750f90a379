import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { volumeSize } from './volume-size.js';

export interface Deleted {
  bytes: number;
}

/** Removes ROOT/<name>: renamed aside first so a crash never leaves a half-deleted volume listed. */
export function deleteVolumeDir(root: string, name: string): Deleted {
  const dir = join(root, name);
  let bytes = 0;
  try {
    bytes = volumeSize(join(dir, '_data'));
  } catch {
    // a volume without _data frees nothing countable
  }
  const aside = join(root, `.tmp-rm-${name}`);
  renameSync(dir, aside);
  rmSync(aside, { recursive: true, force: true });
  return { bytes };
}
