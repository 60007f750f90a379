export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The JSON type of a parsed value (undefined counts as null). */
export function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'boolean' || t === 'number' || t === 'string') return t;
  return 'object';
}

export const isScalar = (value: unknown): boolean => {
  const t = jsonType(value);
  return t !== 'array' && t !== 'object';
};

/** `array<number|string>`: the element types of an array of scalars, sorted. */
export const itemTypes = (values: readonly unknown[]): string =>
  `array<${[...new Set(values.map(jsonType))].sort().join('|')}>`;
