import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar, tarBuffer } from '../../core/tar/index.js';
import { NotFound } from '../errors.js';
import { archiveTar, pathStat } from './archive-get.js';
import { containerAbsPath } from './container-path.js';
import { extractInto } from './extract-into.js';
import { resolveTarget } from './resolve-target.js';

// A hand-made container root beside an "outside" directory that symlinks in the root try to reach.
let top = '';
let root = '';
let outside = '';
const missing = () => new NotFound('missing');

beforeEach(() => {
  top = mkdtempSync(join(tmpdir(), 'shipd-archive-'));
  root = join(top, 'rootfs');
  outside = join(top, 'outside');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'tmp'));
  mkdirSync(outside);
  writeFileSync(join(root, 'etc/passwd'), 'inside\n');
  writeFileSync(join(outside, 'passwd'), 'OUTSIDE\n');
  writeFileSync(join(root, 'bin/probe'), 'binary');
  symlinkSync('probe', join(root, 'bin/sh'));
  // Links that would lead out if followed on the host: absolute to the outside dir, and up with `..`.
  symlinkSync(outside, join(root, 'abs-out'));
  symlinkSync('../../outside', join(root, 'etc/up-out'));
  symlinkSync('/', join(root, 'tmp/slash'));
  symlinkSync('../../../../..', join(root, 'tmp/up'));
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

const names = async (tar: Readable) => (await readTar(tar)).map((e) => e.name);
const contentOf = async (tar: Readable, name: string) =>
  (await readTar(tar)).find((e) => e.name === name)?.content.toString();

describe('containerAbsPath', () => {
  it('cleans like dockerd and keeps a trailing / or /.', () => {
    expect(containerAbsPath('etc')).toBe('/etc');
    expect(containerAbsPath('/../../etc/')).toBe('/etc/');
    expect(containerAbsPath('/etc/.')).toBe('/etc/.');
    expect(containerAbsPath('/')).toBe('/');
    expect(() => containerAbsPath('')).toThrow(/empty/);
  });
});

describe('archive paths stay inside the root', () => {
  it('a symlink to an absolute host path is followed inside the root', () => {
    expect(() => resolveTarget(root, '/abs-out/passwd', missing)).toThrow(NotFound);
    mkdirSync(join(root, outside), { recursive: true });
    writeFileSync(join(root, outside, 'passwd'), 'in-root copy\n');
    const t = resolveTarget(root, '/abs-out/passwd', missing);
    try {
      expect(Number(t.stat.size)).toBe('in-root copy\n'.length);
    } finally {
      t.close();
    }
  });

  it('`..` in a symlink stops at the root', async () => {
    const t = resolveTarget(root, '/tmp/up/etc/passwd', missing);
    expect(await contentOf(archiveTar(t), 'passwd')).toBe('inside\n');
    // ../../outside from /etc is /outside in the root: not there.
    expect(() => resolveTarget(root, '/etc/up-out/passwd', missing)).toThrow(NotFound);
  });

  it('a directory is archived without following the links inside it', async () => {
    const t = resolveTarget(root, '/etc', missing);
    const entries = await readTar(archiveTar(t));
    expect(entries.map((e) => e.name).sort()).toEqual(['etc/', 'etc/passwd', 'etc/up-out']);
    expect(entries.find((e) => e.name === 'etc/up-out')).toMatchObject({
      type: 'symlink',
      linkname: '../../outside',
    });
    expect(entries.some((e) => e.content.toString().includes('OUTSIDE'))).toBe(false);
  });

  it('a trailing /. archives the contents as ./', async () => {
    expect((await names(archiveTar(resolveTarget(root, '/etc/.', missing)))).sort()).toEqual([
      './',
      './passwd',
      './up-out',
    ]);
  });

  it('PUT through a symlink to a host directory writes inside the root, never outside', async () => {
    const tar = await tarBuffer([{ name: 'dropped.txt', content: 'x' }]);
    await expect(
      extractInto(root, '/abs-out', Readable.from([tar]), { noOverwriteDirNonDir: false, missing }),
    ).rejects.toThrow(NotFound);
    mkdirSync(join(root, outside), { recursive: true });
    await extractInto(root, '/abs-out', Readable.from([tar]), { noOverwriteDirNonDir: false, missing });
    expect(readdirSync(outside)).toEqual(['passwd']);
    expect(readFileSync(join(root, outside, 'dropped.txt'), 'utf8')).toBe('x');
    await extractInto(root, '/tmp/slash/etc', Readable.from([tar]), { noOverwriteDirNonDir: false, missing });
    expect(existsSync(join(root, 'etc/dropped.txt'))).toBe(true);
  });

  it('PUT refuses entries that climb out or go through a symlink', async () => {
    for (const name of ['../escaped.txt', 'up-out/escaped.txt']) {
      const tar = await tarBuffer([{ name, content: 'x' }]);
      await expect(
        extractInto(root, '/etc', Readable.from([tar]), { noOverwriteDirNonDir: false, missing }),
      ).rejects.toThrow(/refusing/);
    }
    expect(existsSync(join(top, 'escaped.txt'))).toBe(false);
    expect(readdirSync(outside)).toEqual(['passwd']);
  });
});

describe('archive answers', () => {
  it("stat: a symlink names its target inside the root, a directory has Go's ModeDir", () => {
    const sh = resolveTarget(root, '/bin/sh', missing);
    expect(pathStat(sh)).toMatchObject({ name: 'sh', linkTarget: '/bin/probe', mode: 0o777 + 2 ** 27 });
    sh.close();
    const etc = resolveTarget(root, '/etc', missing);
    expect(pathStat(etc).mode >>> 31).toBe(1);
    expect(pathStat(etc).name).toBe('etc');
    etc.close();
  });

  it("a symlink is archived as itself, a missing path is the caller's NotFound", async () => {
    expect(await readTar(archiveTar(resolveTarget(root, '/bin/sh', missing)))).toMatchObject([
      { name: 'sh', type: 'symlink', linkname: 'probe' },
    ]);
    expect(() => resolveTarget(root, '/no/such', missing)).toThrow(NotFound);
    expect(() => resolveTarget(root, '/etc/passwd/', missing)).toThrow(/not a directory/);
  });

  it('noOverwriteDirNonDir refuses a directory over a file', async () => {
    const tar = await tarBuffer([{ name: 'passwd/', type: 'directory' }]);
    await expect(
      extractInto(root, '/etc', Readable.from([tar]), { noOverwriteDirNonDir: true, missing }),
    ).rejects.toThrow(/cannot overwrite non-directory/);
    expect(readFileSync(join(root, 'etc/passwd'), 'utf8')).toBe('inside\n');
  });
});

describe('archive of the root', () => {
  it('names entries from / as dockerd does', async () => {
    const got = await names(archiveTar(resolveTarget(root, '/', missing)));
    expect(got.slice(0, 3)).toEqual(['/', '/abs-out', '/bin/']);
    expect(got).toContain('/etc/passwd');
  });
});
