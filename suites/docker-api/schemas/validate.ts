import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ShipshapeError } from '../../../core/errors.js';
import { SCHEMAS, type SchemaName } from './registry.js';

/** One schema violation: a JSON pointer into the body and what is wrong there. */
export interface SchemaIssue {
  readonly pointer: string;
  readonly message: string;
}

/** A response body that does not follow its schema; the message lists every issue. */
export class SchemaViolationError extends ShipshapeError {
  readonly schema: string;
  readonly issues: readonly SchemaIssue[];
  constructor(schema: string, issues: readonly SchemaIssue[]) {
    const lines = issues.map((i) => `  ${i.pointer || '/'}: ${i.message}`).join('\n');
    super('PROTOCOL', `body does not match schema ${schema} (${issues.length} issue(s)):\n${lines}`);
    this.name = 'SchemaViolationError';
    this.schema = schema;
    this.issues = issues;
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const compiled = new Map<SchemaName, ValidateFunction>();

const validatorFor = (name: SchemaName): ValidateFunction => {
  let fn = compiled.get(name);
  if (fn === undefined) {
    fn = ajv.compile(SCHEMAS[name]);
    compiled.set(name, fn);
  }
  return fn;
};

/** A missing property is reported at its own pointer (`/Config/Env`), not at its parent's. */
const toIssue = (err: ErrorObject, base: string): SchemaIssue => {
  const at = `${base}${err.instancePath}`;
  if (err.keyword === 'required') {
    const missing = String((err.params as { missingProperty?: unknown }).missingProperty);
    return {
      pointer: `${at}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      message: 'is required but missing',
    };
  }
  return { pointer: at, message: err.message ?? err.keyword };
};

/** The issues of `body` against the named schema (empty when valid); pointers start at `base`. */
export function schemaIssues(name: SchemaName, body: unknown, base = ''): SchemaIssue[] {
  const fn = validatorFor(name);
  if (fn(body)) return [];
  const issues = (fn.errors ?? []).map((e) => toIssue(e, base));
  // anyOf/nullable wrappers repeat one fact several times; keep each pointer+message once.
  return issues.filter(
    (i, n) => issues.findIndex((j) => j.pointer === i.pointer && j.message === i.message) === n,
  );
}

/** Throws SchemaViolationError listing every issue (JSON pointer + message) unless `body` is valid. */
export function expectValid(name: SchemaName, body: unknown): void {
  const issues = schemaIssues(name, body);
  if (issues.length > 0) throw new SchemaViolationError(name, issues);
}

/** Lists the reference sends as `null` when empty (see RELAXATIONS). */
const NULL_WHEN_EMPTY: ReadonlySet<SchemaName> = new Set(['ContainerChangeResponseItem']);

/**
 * Like expectValid for a JSON array whose items each follow `name` (pointers start at `/<index>`).
 * `null` passes only for lists dockerd sends as null when empty (GET /containers/{id}/changes).
 */
export function expectValidList(name: SchemaName, body: unknown): void {
  if (body === null && NULL_WHEN_EMPTY.has(name)) return;
  if (!Array.isArray(body)) {
    throw new SchemaViolationError(`${name}[]`, [
      { pointer: '', message: `must be array, got ${body === null ? 'null' : typeof body}` },
    ]);
  }
  const issues = body.flatMap((item, i) => schemaIssues(name, item, `/${i}`));
  if (issues.length > 0) throw new SchemaViolationError(`${name}[]`, issues);
}
