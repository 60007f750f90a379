import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this module that holds package.json (checkout or install). */
export const repoRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8 && !existsSync(join(dir, 'package.json')); i++) dir = dirname(dir);
  return dir;
};

/** The built CLI of the reference runtime, relative to the project root. */
export const SHIPRUN_CLI = join('dist', 'reference-engine', 'runtime', 'cli', 'shiprun.cjs');
