import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How to start the image load process: a command and its first arguments (load-child.ts). */
export interface LoadProcess {
  readonly command: string;
  readonly args: readonly string[];
}

/** Where load-child.js is from this module: beside it (dist/…/images/load), or from the daemon's bundle. */
const FROM_HERE = ['./load-child.js', '../images/load/load-child.js'];

/**
 * The built load process: `node …/reference-engine/images/load/load-child.js`, found from the modules
 * (dist/reference-engine/images/load) and from the daemon's bundle (dist/reference-engine/daemon).
 * Undefined where it is not built (the TypeScript sources under test).
 */
export function findLoadProcess(base: string = import.meta.url): LoadProcess | undefined {
  for (const relative of FROM_HERE) {
    const script = fileURLToPath(new URL(relative, base));
    if (existsSync(script)) return { command: process.execPath, args: [script] };
  }
  return undefined;
}
