import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { runFast } from './run-fast.js';

/** What the lifecycle commands need: the run-fast module, bundled or not. */
export interface FastPathModule {
  readonly runFast: typeof runFast;
}

/** Beside the bundle: the sources it was made from, each with the size and mtime it had then. */
interface Manifest {
  readonly sources: readonly { path: string; size: number; mtimeMs: number }[];
}

const ENTRY = fileURLToPath(new URL('./run-fast.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('./run-fast.bundle.mjs', import.meta.url));
const MANIFEST = `${BUNDLE}.json`;

const stamp = (path: string) => {
  const st = statSync(path);
  return { path, size: st.size, mtimeMs: st.mtimeMs };
};

/** True when the bundle exists and every source still has the size and mtime it was bundled from. */
export function bundleIsFresh(manifestPath = MANIFEST): boolean {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    return (
      m.sources.length > 0 &&
      m.sources.every((s) => {
        const now = stamp(s.path);
        return now.size === s.size && now.mtimeMs === s.mtimeMs;
      })
    );
  } catch {
    return false;
  }
}

/** Writes the bundle and its manifest (each renamed into place); false when it cannot (read-only dist). */
export async function writeBundle(entry = ENTRY, bundlePath = BUNDLE): Promise<boolean> {
  try {
    const { bundleModules } = await import('./bundle-modules.js'); // only on a cache miss
    const b = bundleModules(entry);
    if (!b) return false;
    const sources = b.sources.map(stamp);
    if (bundleModules(entry)?.text !== b.text) return false; // a source changed while being read
    const tmp = `${bundlePath}.${process.pid}.tmp`;
    writeFileSync(tmp, b.text);
    renameSync(tmp, bundlePath);
    writeFileSync(tmp, JSON.stringify({ sources } satisfies Manifest));
    renameSync(tmp, `${bundlePath}.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads run-fast for a CLI call: from its one-file bundle when that is fresh (a fraction of the
 * module-loading time of its forty files), else from the modules, making the bundle for next time.
 * SHIPRUN_NO_BUNDLE=1 always loads the modules.
 */
export async function loadFastPath(): Promise<FastPathModule> {
  if (process.env.SHIPRUN_NO_BUNDLE !== '1') {
    if (bundleIsFresh()) {
      const mod = (await import(pathToFileURL(BUNDLE).href).catch(() => undefined)) as
        | FastPathModule
        | undefined;
      if (typeof mod?.runFast === 'function') return mod;
    } else await writeBundle();
  }
  return import('./run-fast.js');
}
