import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The daemon's stable ID (/info's ID): a UUID kept in ROOT/engine-id, made on the first start. */
export function engineId(root: string): string {
  const file = join(root, 'engine-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (id !== '') return id;
  } catch {
    // first start
  }
  const id = randomUUID();
  writeFileSync(`${file}.tmp`, `${id}\n`);
  renameSync(`${file}.tmp`, file);
  return id;
}
