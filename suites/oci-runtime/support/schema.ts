import { Ajv2020, type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const compiled = new Map<SchemaObject, ValidateFunction>();

/** Validates `doc` against `schema` (compiled once); returns readable problems, empty when valid. */
export function schemaProblems(schema: SchemaObject, doc: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(describe);
}

const describe = (e: ErrorObject): string =>
  `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''}`;
