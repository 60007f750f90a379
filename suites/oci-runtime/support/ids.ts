import { randomBytes } from 'node:crypto';

/** Random per-process prefix: every container id of this run starts with it, so leftovers are findable. */
export const RUN_PREFIX = `ssoci-${randomBytes(3).toString('hex')}`;

let counter = 0;

/** A container id unique to this run: `ssoci-<hex>-<label>-<n>` (runtimes accept [A-Za-z0-9_.+-]). */
export function uniqueId(label = 'c'): string {
  const clean = label.replace(/[^A-Za-z0-9_.+-]/g, '-').slice(0, 24);
  counter += 1;
  return `${RUN_PREFIX}-${clean}-${counter}`;
}
