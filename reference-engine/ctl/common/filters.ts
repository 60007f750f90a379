import type { Filters } from '../../images/index/image-filters.js';
import { UsageError } from './usage-error.js';

/** `--filter k=v` (repeatable) → Docker's filter map; `--filter dangling` alone means `dangling=true`. */
export function parseFilters(values: readonly string[] | undefined): Filters {
  const out: Record<string, string[]> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    const key = eq < 0 ? value : value.slice(0, eq);
    if (!key) throw new UsageError(`--filter ${JSON.stringify(value)}: expected KEY=VALUE`);
    const list = out[key] ?? [];
    // label=k=v keeps everything after the first '='
    list.push(eq < 0 ? 'true' : value.slice(eq + 1));
    out[key] = list;
  }
  return out;
}
