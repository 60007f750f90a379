import { readFile } from 'node:fs/promises';
import { ShipshapeError, usageError } from '../../core/errors.js';
import { RESULTS_SCHEMA, type RunResults } from '../../core/results/types.js';
import { compareRuns, comparisonMarkdown, comparisonText } from '../../reports/compare.js';
import type { CliIo } from '../io/io.js';

export interface CompareArgs {
  old: string;
  new: string;
  format: string;
}

async function readResults(path: string): Promise<RunResults> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw usageError(`${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  let doc: RunResults;
  try {
    doc = JSON.parse(text) as RunResults;
  } catch (err) {
    throw new ShipshapeError('INVALID_INPUT', `${path}: not JSON: ${(err as Error).message}`, {
      exitCode: 2,
    });
  }
  if (doc?.schema !== RESULTS_SCHEMA || !Array.isArray(doc.tests)) {
    throw new ShipshapeError('INVALID_INPUT', `${path}: not a shipshape results.json (${RESULTS_SCHEMA})`, {
      exitCode: 2,
    });
  }
  return doc;
}

/**
 * `shipshape compare OLD NEW`: what newly fails, what got fixed and what else changed status, per engine
 * and suite; `--format markdown` for a PR comment. Exit 1 when a test newly fails unexpectedly.
 */
export async function compareCommand(args: CompareArgs, io: CliIo): Promise<number> {
  const c = compareRuns(await readResults(args.old), await readResults(args.new));
  io.stdout.write(args.format === 'markdown' ? comparisonMarkdown(c) : comparisonText(c));
  return c.newlyFailing.length > 0 ? 1 : 0;
}
