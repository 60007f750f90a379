// `npm run build` runs this after tsc: shipd's modules and the packages they use, as one ES module.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { BUNDLE_NAME, type BundleManifest, buildStamp, MANIFEST_NAME } from './bundle.js';

const here = dirname(fileURLToPath(import.meta.url));
// The record first: a tsc run while this one works makes the bundle stale, never wrongly fresh.
const manifest: BundleManifest = { buildInfo: buildStamp(here) };
await build({
  input: join(here, 'run-daemon.js'),
  platform: 'node',
  logLevel: 'warn',
  // Built-in packages stay imports; lazily imported modules become lazily run parts of the one file.
  output: { file: join(here, BUNDLE_NAME), format: 'esm', codeSplitting: false },
});
writeFileSync(join(here, MANIFEST_NAME), `${JSON.stringify(manifest)}\n`);
