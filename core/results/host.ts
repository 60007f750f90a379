import { existsSync, readFileSync } from 'node:fs';
import { arch, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResults } from './types.js';

export const hostMetadata = (): RunResults['host'] => ({
  kernel: release(),
  arch: arch(),
  node: process.version,
});

/** The project root: the nearest ancestor of this module holding vitest.config.ts (works from dist/ too). */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 10; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'vitest.config.ts'))) return dir;
  }
  return process.cwd();
}

export function shipshapeVersion(root = projectRoot()): string {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
