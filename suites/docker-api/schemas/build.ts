import type { SchemaObject } from 'ajv/dist/2020.js';

// Small builders so each schema reads like the swagger facts it encodes (JSON Schema 2020-12).

export const str = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra });
export const int = (extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...extra });
export const bool = (): SchemaObject => ({ type: 'boolean' });
export const arr = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
export const strArr = (): SchemaObject => arr(str());
/** An object whose values all follow `values` (swagger `additionalProperties`). */
export const map = (values: SchemaObject): SchemaObject => ({ type: 'object', additionalProperties: values });
export const strMap = (): SchemaObject => map(str());
/** Any object (swagger `type: object` without properties). */
export const anyObj = (): SchemaObject => ({ type: 'object' });

/** An RFC 3339 timestamp as the engines send it (`2024-01-01T00:00:00Z`, with fraction or offset). */
export const timestamp = (): SchemaObject =>
  str({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' });

/** A content-addressable image ID: `sha256:` + 64 hex digits. */
export const imageId = (): SchemaObject => str({ pattern: '^sha256:[0-9a-f]{64}$' });

/**
 * An object with `props`; `required` are the fields the swagger marks required, `alwaysSent` the fields
 * the swagger leaves optional but every Docker 20.10 answer carries and clients rely on (both become
 * JSON Schema `required`). Unknown fields are allowed: engines add their own.
 */
export const obj = (
  props: Readonly<Record<string, SchemaObject>>,
  required: readonly string[] = [],
  alwaysSent: readonly string[] = [],
): SchemaObject => {
  const all = [...required, ...alwaysSent];
  return { type: 'object', properties: { ...props }, ...(all.length > 0 ? { required: all } : {}) };
};

/**
 * Also accepts `null`. Used where the swagger does not allow null (or says nothing) but the reference,
 * dockerd 20.10, sends null (Go's encoding of a nil slice or map); each use is listed in RELAXATIONS.
 */
export const nullable = (schema: SchemaObject): SchemaObject => {
  const type: unknown = schema.type;
  if (typeof type === 'string') return { ...schema, type: [type, 'null'] };
  return { anyOf: [{ type: 'null' }, schema] };
};
