import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What ROOT/<name>/opts.json keeps. */
export interface VolumeMeta {
  Driver: 'local';
  Labels: Record<string, string>;
  Options: Record<string, string>;
  /** RFC 3339, seconds. */
  CreatedAt: string;
  /** The image content has been copied in once (Docker copies only into a never-used volume). */
  copiedUp: boolean;
}

/** The meta of the volume dir `dir`, or undefined when there is none (or it cannot be read). */
export function readMeta(dir: string): VolumeMeta | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'opts.json'), 'utf8')) as VolumeMeta;
  } catch {
    return undefined;
  }
}

/** Writes opts.json atomically: temp file, fsync, rename. */
export function writeMeta(dir: string, meta: VolumeMeta): void {
  const tmp = join(dir, '.opts.json.tmp');
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(meta));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, 'opts.json'));
}
