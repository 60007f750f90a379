import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_NAME, buildStamp, freshBundle, LOAD_BUNDLE_NAME, MANIFEST_NAME } from './bundle.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A dist-like tree: <top>/.tsbuildinfo-build (optional) and <top>/reference-engine/daemon/. */
function tree(opts: { record?: string; bundle?: boolean }): { top: string; dir: string } {
  const top = mkdtempSync(join(tmpdir(), 'shipd-bundle-'));
  dirs.push(top);
  const dir = join(top, 'reference-engine', 'daemon');
  mkdirSync(dir, { recursive: true });
  if (opts.record !== undefined) writeFileSync(join(top, '.tsbuildinfo-build'), opts.record);
  if (opts.bundle !== false) writeFileSync(join(dir, BUNDLE_NAME), 'export {};\n');
  return { top, dir };
}

const writeManifest = (dir: string) =>
  writeFileSync(join(dir, MANIFEST_NAME), JSON.stringify({ buildInfo: buildStamp(dir) }));

describe('freshBundle: when the bundled daemon may stand for its modules', () => {
  it('is used when tsc has not emitted since the bundle was made', () => {
    const { dir } = tree({ record: '{"v":1}' });
    writeManifest(dir);
    expect(freshBundle(dir, {})).toMatch(/shipd\.bundle\.js$/);
  });

  it('is stale once tsc rewrites its build record, and SHIPD_NO_BUNDLE=1 turns it off', () => {
    const { top, dir } = tree({ record: '{"v":1}' });
    writeManifest(dir);
    expect(freshBundle(dir, { SHIPD_NO_BUNDLE: '1' })).toBeUndefined();
    writeFileSync(join(top, '.tsbuildinfo-build'), '{"v":22}');
    expect(freshBundle(dir, {})).toBeUndefined();
  });

  it('is used in an installed package (no build record), never without its manifest or file', () => {
    const installed = tree({});
    writeManifest(installed.dir);
    expect(freshBundle(installed.dir, {})).toBeDefined();
    expect(freshBundle(tree({}).dir, {})).toBeUndefined(); // no manifest
    const noFile = tree({ bundle: false });
    writeManifest(noFile.dir);
    expect(freshBundle(noFile.dir, {})).toBeUndefined();
    // made where there was no record, run where there is one: not trusted
    const { top, dir } = tree({});
    writeManifest(dir);
    writeFileSync(join(top, '.tsbuildinfo-build'), '{}');
    expect(freshBundle(dir, {})).toBeUndefined();
  });

  const built = resolve(import.meta.dirname, '../../dist/reference-engine/daemon');
  it('npm run build leaves a fresh bundle in dist (after a bare tsc run: npm run build again)', () => {
    expect(freshBundle(built, {}), `${built}: no fresh ${BUNDLE_NAME}`).toBeDefined();
    expect(freshBundle(built, {}, LOAD_BUNDLE_NAME), `${built}: no fresh ${LOAD_BUNDLE_NAME}`).toBeDefined();
  });

  it('the load bundle is checked by the same manifest, and only where its file is', () => {
    const { dir } = tree({ record: '{"v":1}' });
    writeManifest(dir);
    expect(freshBundle(dir, {}, LOAD_BUNDLE_NAME)).toBeUndefined(); // not made
    writeFileSync(join(dir, LOAD_BUNDLE_NAME), 'export {};\n');
    expect(freshBundle(dir, {}, LOAD_BUNDLE_NAME)).toMatch(/shipd-load\.bundle\.js$/);
    expect(freshBundle(dir, { SHIPD_NO_BUNDLE: '1' }, LOAD_BUNDLE_NAME)).toBeUndefined();
  });
});
