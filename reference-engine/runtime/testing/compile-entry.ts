import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './build-under-test.js';

const run = promisify(execFile);

/** A TypeScript entry compiled (with only its own imports) to run in a separate Node process. */
export interface CompiledEntry {
  /** The compiled .js of the entry. */
  readonly js: string;
  dispose(): Promise<void>;
}

/**
 * Compiles `entry` (a .ts file in this repo) into a fresh dir under build/, where the runtime finds
 * build/shiprun-init as it does from the sources. Lifecycle: in beforeAll; dispose() in afterAll.
 */
export async function compileEntry(entry: string): Promise<CompiledEntry> {
  const out = await mkdtemp(join(REPO, 'build', 'entry-test-'));
  const tsc = join(REPO, 'node_modules', '.bin', 'tsc');
  const flags = [
    '--outDir',
    out,
    '--rootDir',
    REPO,
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
  ];
  const more = ['--target', 'ES2023', '--skipLibCheck', '--types', 'node', '--noCheck'];
  await run(tsc, [...flags, ...more, entry], { timeout: 120_000 });
  return {
    js: join(out, relative(REPO, entry)).replace(/\.ts$/, '.js'),
    dispose: () => rm(out, { recursive: true, force: true }),
  };
}
