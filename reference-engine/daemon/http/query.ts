import { InvalidArgument } from '../../errors.js';

/** A route's query string as the router parses it (fast-querystring): repeated keys become arrays. */
export type Query = Record<string, string | string[] | undefined>;

/** The last value of a query parameter (Go's `r.Form.Get` takes the first; both are rare twice). */
export function param(query: unknown, name: string): string | undefined {
  const value = (query as Query | undefined)?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Docker's query booleans: `1`, `true`, `True` (any case of true) are true; absent is `fallback`. */
export function boolParam(query: unknown, name: string, fallback = false): boolean {
  const value = param(query, name);
  if (value === undefined || value === '') return fallback;
  return value === '1' || value.toLowerCase() === 'true';
}

/** An integer parameter; a value that is not one (or is out of range) is a 400. */
export function intParam(query: unknown, name: string): number | undefined {
  const value = param(query, name);
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgument(`invalid value for ${name}: ${JSON.stringify(value)}`);
  return n;
}

/** Docker's `filters` JSON: `{"key":["v"]}`, or the old `{"key":{"v":true}}` form. */
export function filtersParam(query: unknown, name = 'filters'): Record<string, string[]> {
  const raw = param(query, name);
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new InvalidArgument(`invalid filter: ${JSON.stringify(raw)} is not JSON`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InvalidArgument('invalid filter: filters must be a JSON object');
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(parsed)) out[key] = filterValues(key, value);
  return out;
}

function filterValues(key: string, value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((on) => typeof on === 'boolean')
  )
    return Object.entries(value)
      .filter(([, on]) => on === true)
      .map(([v]) => v);
  throw new InvalidArgument(
    `invalid filter: the values of '${key}' must be a list of strings (or an object of booleans)`,
  );
}

/** Every value of a repeated query parameter (`changes=a&changes=b`). */
export function listParam(query: unknown, name: string): string[] {
  const value = (query as Query | undefined)?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
