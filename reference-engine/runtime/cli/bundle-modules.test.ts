import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleModules } from './bundle-modules.js';
import { writeBundle } from './fast-load.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shiprun-bundle-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const put = (name: string, text: string) => writeFile(join(dir, name), text);

/** Modules in the shapes tsc emits: named imports (renamed, multi-line), built-ins, export lists. */
async function writeFixture(): Promise<string> {
  await put(
    'a.js',
    "import { readFileSync } from 'node:fs';\nexport const A = 'a';\nexport function readA(p) {\n  return readFileSync(p, 'utf8');\n}\n",
  );
  await put(
    'b.js',
    "import { readFile } from 'node:fs/promises';\nimport {\n  A as renamed,\n  readA,\n} from './a.js';\nclass Thing {\n  name() { return renamed + 'b'; }\n}\nconst local = 2;\nexport { Thing, local as two, readA };\nexport const here = import.meta.url;\nexport const asyncRead = (p) => readFile(p, 'utf8');\n",
  );
  await put(
    'entry.js',
    "import { Thing, two, readA, here, asyncRead } from './b.js';\nexport async function run(p) {\n  return [new Thing().name(), two, readA(p), here, await asyncRead(p)];\n}\n",
  );
  return join(dir, 'entry.js');
}

describe('bundleModules', () => {
  it('joins modules into one that behaves as the originals (imports, renames, built-ins, import.meta)', async () => {
    const entry = await writeFixture();
    const b = bundleModules(entry);
    expect(b?.sources).toEqual([join(dir, 'a.js'), join(dir, 'b.js'), entry]);
    await put('bundle.mjs', b?.text ?? '');
    await put('data.txt', 'payload');
    const original = await import(pathToFileURL(entry).href);
    const bundled = await import(pathToFileURL(join(dir, 'bundle.mjs')).href);
    const data = join(dir, 'data.txt');
    expect(await bundled.run(data)).toEqual(await original.run(data));
    expect((await bundled.run(data))[3]).toBe(pathToFileURL(join(dir, 'b.js')).href);
  });

  it('refuses forms it does not rewrite: default imports, dynamic imports, cycles', async () => {
    await put('d.js', "import x from './e.js';\nexport const d = x;\n");
    await put('e.js', 'export default 1;\n');
    expect(bundleModules(join(dir, 'd.js'))).toBeUndefined();
    await put('f.js', "export const f = () => import('./e.js');\n");
    expect(bundleModules(join(dir, 'f.js'))).toBeUndefined();
    await put('g.js', "import { h } from './h.js';\nexport const g = 1;\n");
    await put('h.js', "import { g } from './g.js';\nexport const h = 2;\n");
    expect(bundleModules(join(dir, 'g.js'))).toBeUndefined();
  });
});

const dist = join(import.meta.dirname, '../../../dist/reference-engine/runtime/cli');
const compiled = join(dist, 'fast-cli.js');
const cacheModule = join(dist, 'bundle-cache.cjs');

describe.skipIf(!existsSync(cacheModule))(
  'the bundle cache shiprun.cjs reads (needs a build in dist/)',
  () => {
    const cache = () =>
      createRequire(import.meta.url)(cacheModule) as {
        bundleIsFresh(m: string): boolean;
        loadFreshBundle(b: string): unknown;
      };

    it('is fresh once written, stale as soon as a source changes, and loads only when fresh', async () => {
      const entry = await writeFixture();
      const bundle = join(dir, 'out.bundle.cjs');
      expect(cache().bundleIsFresh(`${bundle}.json`)).toBe(false);
      expect(await writeBundle(entry, bundle)).toBe(true);
      expect(cache().bundleIsFresh(`${bundle}.json`)).toBe(true);
      expect(await readFile(bundle, 'utf8')).toContain('module.exports = { run: __m2.run }');
      const data = join(dir, 'data.txt');
      await put('data.txt', 'payload');
      const original = await import(pathToFileURL(entry).href);
      expect(await createRequire(import.meta.url)(bundle).run(data)).toEqual(await original.run(data));
      expect(cache().loadFreshBundle(bundle)).toBeUndefined(); // fresh, but no parseFast/runFast
      const later = new Date(Date.now() + 5000);
      await utimes(join(dir, 'a.js'), later, later);
      expect(cache().bundleIsFresh(`${bundle}.json`)).toBe(false);
    });
  },
);

describe.skipIf(!existsSync(compiled))('the compiled fast path (needs a build in dist/)', () => {
  it('bundles into one CommonJS file exporting parseFast and runFast, requiring only node: built-ins', async () => {
    const b = bundleModules(compiled, 'cjs');
    expect(b?.sources.length).toBeGreaterThan(20);
    expect(b?.text).not.toContain('sourceMappingURL');
    expect(b?.text).not.toMatch(/^(import|export) /m);
    const required = [...(b?.text ?? '').matchAll(/\brequire\('([^']+)'\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(3);
    expect(required.every((spec) => spec?.startsWith('node:'))).toBe(true);
    await put('fast-cli.bundle.cjs', b?.text ?? '');
    const mod = createRequire(import.meta.url)(join(dir, 'fast-cli.bundle.cjs'));
    expect(typeof mod.runFast).toBe('function');
    expect(mod.parseFast(['state', 'x'])).toMatchObject({ command: 'state', positionals: ['x'] });
  });
});
