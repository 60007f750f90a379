import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseExpectations } from './parse.js';
import type { Expectation } from './types.js';

const readIfPresent = (file: string): Promise<string | undefined> =>
  readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });

/**
 * Reads `<dir>/<engine>.yaml`, then every `<dir>/<engine>/*.yaml` in name order (one file per suite keeps
 * suites independent); no file means no expectations.
 */
export async function loadExpectations(dir: string, engine: string): Promise<Expectation[]> {
  const files = [join(dir, `${engine}.yaml`)];
  const perSuite = await readdir(join(dir, engine)).catch(() => [] as string[]);
  files.push(
    ...perSuite
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => join(dir, engine, name)),
  );
  const lists = await Promise.all(
    files.map(async (file) => {
      const source = await readIfPresent(file);
      return source === undefined ? [] : parseExpectations(file, source);
    }),
  );
  return lists.flat();
}
