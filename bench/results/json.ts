import { readFile, writeFile } from 'node:fs/promises';
import { ShipshapeError } from '../../core/errors.js';
import type { BenchDocument } from './types.js';
import { assertBenchDocument } from './validate.js';

/** Validated, pretty JSON with a trailing newline. */
export function toBenchJson(doc: BenchDocument): string {
  assertBenchDocument(doc, 'document to write');
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function writeBenchJson(path: string, doc: BenchDocument): Promise<void> {
  await writeFile(path, toBenchJson(doc));
}

/** Parses and validates; unreadable, unparsable or invalid files become INVALID_INPUT / NOT_FOUND. */
export function parseBenchJson(text: string, source = 'benchmark results'): BenchDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ShipshapeError('INVALID_INPUT', `${source}: not JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  return assertBenchDocument(value, source);
}

export async function readBenchJson(path: string): Promise<BenchDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ShipshapeError('NOT_FOUND', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseBenchJson(text, path);
}
