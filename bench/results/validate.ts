import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { ShipshapeError } from '../../core/errors.js';
import { benchDocumentSchema } from './schema.js';
import type { BenchDocument } from './types.js';

let compiled: ValidateFunction | undefined;

const validator = (): ValidateFunction => {
  compiled ??= new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
  }).compile(benchDocumentSchema);
  return compiled;
};

/** Schema errors of a parsed document as `path: message` lines; empty when it is valid. */
export function benchDocumentErrors(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

export const isBenchDocument = (value: unknown): value is BenchDocument =>
  benchDocumentErrors(value).length === 0;

/** Returns the value typed, or throws INVALID_INPUT listing (up to 10) schema errors. */
export function assertBenchDocument(value: unknown, source = 'benchmark results'): BenchDocument {
  const errors = benchDocumentErrors(value);
  if (errors.length === 0) return value as BenchDocument;
  const more = errors.length > 10 ? `\n  ... and ${errors.length - 10} more` : '';
  throw new ShipshapeError(
    'INVALID_INPUT',
    `${source} is not shipshape.bench/v1:\n  ${errors.slice(0, 10).join('\n  ')}${more}`,
  );
}
