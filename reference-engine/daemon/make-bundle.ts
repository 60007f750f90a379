// `npm run build` runs this after tsc: shipd's modules and the packages they use, as one ES module (and
// the image load process's, as another).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { BUNDLE_NAME, type BundleManifest, buildStamp, LOAD_BUNDLE_NAME, MANIFEST_NAME } from './bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
// The record first: a tsc run while this one works makes the bundle stale, never wrongly fresh.
const manifest: BundleManifest = { buildInfo: buildStamp(here) };
// Built-in packages stay imports; lazily imported modules become lazily run parts of the one file.
const bundle = (input: string, file: string) =>
  build({
    input,
    platform: 'node',
    logLevel: 'warn',
    output: { file: join(here, file), format: 'esm', codeSplitting: false },
  });
await bundle(join(here, 'run-daemon.js'), BUNDLE_NAME);
// The image load process starts once per POST /images/load: one file loads faster than its modules.
await bundle(join(here, '..', 'images', 'load', 'load-child.js'), LOAD_BUNDLE_NAME);
writeFileSync(join(here, MANIFEST_NAME), `${JSON.stringify(manifest)}\n`);
