// CommonJS, so that the launcher (shiprun.cjs) reaches the bundle without Node's ES module loader.
import fs = require('node:fs');
import path = require('node:path');

/** The lifecycle commands' code as one CommonJS file (see bundle-modules.ts), beside its manifest. */
const BUNDLE = path.join(__dirname, 'fast-cli.bundle.cjs');

/** What the bundle exports: fast-cli.ts's parseFast and runFast, typed loosely across the CJS seam. */
interface FastCli {
  parseFast(argv: readonly string[]): unknown;
  runFast(args: unknown): Promise<number>;
}

/** Beside the bundle: the sources it was made from, each with the size and mtime it had then. */
interface Manifest {
  readonly sources: readonly { path: string; size: number; mtimeMs: number }[];
}

const stamp = (file: string) => {
  const st = fs.statSync(file);
  return { path: file, size: st.size, mtimeMs: st.mtimeMs };
};

/** True when the bundle's manifest exists and every source still has the size and mtime it was bundled from. */
function bundleIsFresh(manifestPath = `${BUNDLE}.json`): boolean {
  try {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
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

/** The bundle when it is fresh and loads (and SHIPRUN_NO_BUNDLE is not 1); otherwise undefined. */
function loadFreshBundle(bundlePath = BUNDLE): FastCli | undefined {
  if (process.env.SHIPRUN_NO_BUNDLE === '1' || !bundleIsFresh(`${bundlePath}.json`)) return undefined;
  try {
    const mod = require(bundlePath) as Partial<FastCli>;
    return typeof mod.runFast === 'function' && typeof mod.parseFast === 'function'
      ? (mod as FastCli)
      : undefined;
  } catch {
    return undefined;
  }
}

export = { BUNDLE, stamp, bundleIsFresh, loadFreshBundle };
