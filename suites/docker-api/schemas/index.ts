// Our own JSON Schemas (2020-12) for the Engine API v1.41 response bodies, written from the swagger facts.

export { SCHEMA_NAMES, SCHEMAS, type SchemaName } from './registry.js';
export { RELAXATIONS, type Relaxation } from './relaxations.js';
export {
  expectValid,
  expectValidList,
  type SchemaIssue,
  SchemaViolationError,
  schemaIssues,
} from './validate.js';
