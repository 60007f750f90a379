import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseExpectations } from './parse.js';
import type { Expectation } from './types.js';

/** Reads `<dir>/<engine>.yaml`; no file means no expectations. */
export async function loadExpectations(dir: string, engine: string): Promise<Expectation[]> {
  const file = join(dir, `${engine}.yaml`);
  const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  return source === undefined ? [] : parseExpectations(file, source);
}
