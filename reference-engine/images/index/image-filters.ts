import { InvalidArgument } from '../../errors.js';

/** Docker's filter argument: `map[string][]string`, e.g. `{ dangling: ['true'], label: ['a=1'] }`. */
export type Filters = Readonly<Record<string, readonly string[]>>;

export function checkFilterNames(filters: Filters, allowed: readonly string[]): void {
  for (const name of Object.keys(filters)) {
    if (!allowed.includes(name)) throw new InvalidArgument(`invalid filter '${name}'`);
  }
}

/** `dangling` as a boolean, or undefined when the filter is absent. */
export function danglingFilter(filters: Filters): boolean | undefined {
  const values = filters.dangling ?? [];
  if (values.length === 0) return undefined;
  const parsed = values.map((value) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw new InvalidArgument(`invalid filter 'dangling=${value}'`);
  });
  if (new Set(parsed).size > 1) throw new InvalidArgument('conflicting dangling filters');
  return parsed[0];
}

/** Every `label` expression (`key` or `key=value`) holds and no `label!` expression does. */
export function labelsMatch(labels: Record<string, string>, filters: Filters): boolean {
  const holds = (expr: string) => {
    const eq = expr.indexOf('=');
    if (eq < 0) return expr in labels;
    return labels[expr.slice(0, eq)] === expr.slice(eq + 1);
  };
  return (filters.label ?? []).every(holds) && !(filters['label!'] ?? []).some(holds);
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Docker's `until`: unix seconds, an RFC 3339 date, or a Go duration before `now`. Returns epoch ms. */
export function parseTimestamp(value: string, now = Date.now()): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    let ms = 0;
    for (const [, n, unit] of value.matchAll(DURATION_PART)) ms += Number(n) * (UNIT_MS[unit ?? 's'] ?? 0);
    return now - ms;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed))
    throw new InvalidArgument(`invalid timestamp or duration: ${JSON.stringify(value)}`);
  return parsed;
}

/** Epoch ms of an image's ISO `created`; 0 when it has none. */
export const createdMs = (created: string): number => (created ? Date.parse(created) || 0 : 0);
