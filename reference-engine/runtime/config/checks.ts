import { InvalidArgument } from '../../errors.js';

/** Field checks that throw InvalidArgument naming the field, e.g. `config.json: process.args: ...`. */
export function fail(field: string, message: string): never {
  throw new InvalidArgument(`config.json: ${field}: ${message}`);
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function optObject(v: unknown, field: string): Record<string, unknown> | undefined {
  if (v === undefined) return undefined;
  return isObject(v) ? v : fail(field, 'must be an object');
}

export function str(v: unknown, field: string): string {
  return typeof v === 'string' ? v : fail(field, 'must be a string');
}

export function optStr(v: unknown, field: string): void {
  if (v !== undefined) str(v, field);
}

export function int(v: unknown, field: string, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) return fail(field, 'must be an integer');
  return v < min ? fail(field, `must be at least ${min}`) : v;
}

export function optInt(v: unknown, field: string, min?: number): void {
  if (v !== undefined) int(v, field, min);
}

export function optBool(v: unknown, field: string): void {
  if (v !== undefined && typeof v !== 'boolean') fail(field, 'must be a boolean');
}

export function strArray(v: unknown, field: string): string[] {
  if (!Array.isArray(v)) return fail(field, 'must be an array of strings');
  v.forEach((s, i) => {
    str(s, `${field}[${i}]`);
  });
  return v as string[];
}

export function optStrArray(v: unknown, field: string): void {
  if (v !== undefined) strArray(v, field);
}

export function array(v: unknown, field: string): unknown[] {
  return Array.isArray(v) ? v : fail(field, 'must be an array');
}

/** Calls CHECK on each entry of the array V with its field name `FIELD[i]`; a non-object entry fails. */
export function eachObject(
  v: unknown,
  field: string,
  check: (entry: Record<string, unknown>, f: string) => void,
): void {
  for (const [i, entry] of array(v, field).entries()) {
    const f = `${field}[${i}]`;
    if (!isObject(entry)) fail(f, 'must be an object');
    check(entry, f);
  }
}

/** eachObject for an optional array. */
export function optEachObject(
  v: unknown,
  field: string,
  check: (entry: Record<string, unknown>, f: string) => void,
): void {
  if (v !== undefined) eachObject(v, field, check);
}

export const isAbsolute = (p: string): boolean => p.startsWith('/');
