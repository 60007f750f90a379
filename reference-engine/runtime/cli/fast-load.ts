import { renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { runFast } from './run-fast.js';

/** What the lifecycle commands need: the run-fast module, bundled or not. */
export interface FastPathModule {
  readonly runFast: typeof runFast;
}

/** The CommonJS side (bundle-cache.cts): loaded at run time, as shiprun.cjs loads it. */
interface BundleCache {
  readonly BUNDLE: string;
  bundleIsFresh(manifestPath?: string): boolean;
}

const ENTRY = fileURLToPath(new URL('./fast-cli.js', import.meta.url));
/** Must match BUNDLE in bundle-cache.cts, which reads what this writes. */
const BUNDLE = fileURLToPath(new URL('./fast-cli.bundle.cjs', import.meta.url));
const requireHere = createRequire(import.meta.url);

const stamp = (path: string) => {
  const st = statSync(path);
  return { path, size: st.size, mtimeMs: st.mtimeMs };
};

/** Writes the CommonJS bundle and its manifest (each renamed into place); false when it cannot (read-only dist). */
export async function writeBundle(entry = ENTRY, bundlePath = BUNDLE): Promise<boolean> {
  try {
    const { bundleModules } = await import('./bundle-modules.js'); // only on a cache miss
    const b = bundleModules(entry, 'cjs');
    if (!b) return false;
    const sources = b.sources.map(stamp);
    if (bundleModules(entry, 'cjs')?.text !== b.text) return false; // a source changed while being read
    const tmp = `${bundlePath}.${process.pid}.tmp`;
    writeFileSync(tmp, b.text);
    renameSync(tmp, bundlePath);
    writeFileSync(tmp, JSON.stringify({ sources }));
    renameSync(tmp, `${bundlePath}.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads run-fast for a CLI call that came in through main.js: from the bundle when it is fresh, else
 * from the modules, making the bundle for next time. SHIPRUN_NO_BUNDLE=1 always loads the modules.
 */
export async function loadFastPath(): Promise<FastPathModule> {
  if (process.env.SHIPRUN_NO_BUNDLE !== '1') {
    try {
      const cache = requireHere('./bundle-cache.cjs') as BundleCache;
      if (cache.bundleIsFresh()) {
        const mod = requireHere(cache.BUNDLE) as Partial<FastPathModule>;
        if (typeof mod.runFast === 'function') return mod as FastPathModule;
      } else await writeBundle();
    } catch {
      // no compiled bundle-cache beside this file (running from sources): load the modules
    }
  }
  return import('./run-fast.js');
}
