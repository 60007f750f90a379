import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The bundle and its manifest, beside this module in dist/reference-engine/daemon. */
export const BUNDLE_NAME = 'shipd.bundle.js';
/** The image load process (images/load/load-child.ts) as one module: it starts once per load. */
export const LOAD_BUNDLE_NAME = 'shipd-load.bundle.js';
export const MANIFEST_NAME = 'shipd.bundle.json';
/** tsc's record of the build (tsconfig.build.json): rewritten whenever tsc emits anything. */
const BUILD_INFO = join('..', '..', '.tsbuildinfo-build');

/** What make-bundle wrote: the build record the bundle was made from (null: none was found). */
export interface BundleManifest {
  readonly buildInfo: { size: number; mtimeMs: number } | null;
}

const stampOf = (file: string): BundleManifest['buildInfo'] => {
  try {
    const st = statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
};

/** The stamp to record for the build beside `dir` (make-bundle's half of the check). */
export const buildStamp = (dir: string): BundleManifest['buildInfo'] => stampOf(join(dir, BUILD_INFO));

/**
 * The bundle's URL when it may stand for the modules in `dir`: it and its manifest exist, SHIPD_NO_BUNDLE
 * is not 1, and tsc has not emitted since it was made (its build record is unchanged). An installed
 * package has no build record (npm pack leaves it out): its bundle was made with its modules. `name`:
 * the daemon's bundle, or LOAD_BUNDLE_NAME (made and checked with it).
 */
export function freshBundle(
  dir = dirname(fileURLToPath(import.meta.url)),
  env: NodeJS.ProcessEnv = process.env,
  name = BUNDLE_NAME,
): string | undefined {
  if (env.SHIPD_NO_BUNDLE === '1') return undefined;
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8')) as BundleManifest;
    statSync(join(dir, name));
  } catch {
    return undefined;
  }
  const now = buildStamp(dir);
  const then = manifest.buildInfo;
  if (now !== null && (then === null || now.size !== then.size || now.mtimeMs !== then.mtimeMs))
    return undefined;
  return pathToFileURL(join(dir, name)).href;
}
