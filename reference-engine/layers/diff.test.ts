import {
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar } from '../../core/tar/index.js';
import { native } from '../syscalls/index.js';
import { applyLayer } from './apply-layer.js';
import { diffOverlayUpper } from './diff-overlay.js';
import { diffTrees } from './diff-trees.js';

const isRoot = process.getuid?.() === 0;

async function entries(tar: Readable): Promise<string[]> {
  return (await readTar(tar)).map(({ name, type, linkname }) =>
    type === 'link' ? `${name} -> ${linkname}` : name,
  );
}

function tree(path: string, rel = ''): string[] {
  return readdirSync(join(path, rel))
    .sort()
    .flatMap((name) => {
      const child = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(path, child), { bigint: true });
      const body = st.isFile() ? readFileSync(join(path, child), 'utf8') : '';
      const line = `${child} ${st.mode.toString(8)} ${st.isDirectory() || st.isCharacterDevice() ? '' : st.mtimeNs} ${body}`;
      return st.isDirectory() ? [line, ...tree(path, child)] : [line];
    });
}

describe('diff', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-diff-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('diffTrees emits added, changed and removed entries in a fixed order, and applying it reproduces the tree', async () => {
    const lower = join(dir, 'lower');
    const upper = join(dir, 'upper');
    mkdirSync(join(lower, 'etc/old.d'), { recursive: true });
    writeFileSync(join(lower, 'etc/conf'), 'v1');
    writeFileSync(join(lower, 'etc/same'), 'same');
    writeFileSync(join(lower, 'etc/old.d/x'), 'x');
    writeFileSync(join(lower, 'gone'), '');
    cpSync(lower, upper, { recursive: true, preserveTimestamps: true });
    writeFileSync(join(upper, 'etc/conf'), 'v2');
    rmSync(join(upper, 'etc/old.d'), { recursive: true });
    rmSync(join(upper, 'gone'));
    mkdirSync(join(upper, 'etc/new.d'));
    writeFileSync(join(upper, 'etc/new.d/a'), 'a');
    linkSync(join(upper, 'etc/new.d/a'), join(upper, 'etc/new.d/b'));
    symlinkSync('conf', join(upper, 'etc/link'));
    utimesSync(join(upper, 'etc/same'), 1, 1); // metadata-only change is a change
    const names = await entries(diffTrees(lower, upper));
    expect(names).toEqual([
      '.wh.gone',
      'etc/',
      'etc/.wh.old.d',
      'etc/conf',
      'etc/link',
      'etc/new.d/',
      'etc/new.d/a',
      'etc/new.d/b -> etc/new.d/a',
      'etc/same',
    ]);
    await applyLayer(lower, diffTrees(lower, upper), { whiteouts: 'remove' });
    expect(tree(lower)).toEqual(tree(upper));
    expect(lstatSync(join(lower, 'etc/new.d/b')).ino).toBe(lstatSync(join(lower, 'etc/new.d/a')).ino);
  });

  it.skipIf(!isRoot)(
    'diffOverlayUpper turns char 0/0 and the opaque xattr into whiteouts (root only)',
    async () => {
      const upper = join(dir, 'upper');
      mkdirSync(join(upper, 'etc'), { recursive: true });
      mkdirSync(join(upper, 'var/cache'), { recursive: true });
      const n = native();
      n.mknod(join(upper, 'etc/removed'), n.constants.S_IFCHR, 0, 0);
      n.lsetxattr(join(upper, 'var/cache'), 'trusted.overlay.opaque', Buffer.from('y'), 0);
      n.lsetxattr(join(upper, 'etc'), 'trusted.overlay.origin', Buffer.from('x'), 0);
      writeFileSync(join(upper, 'var/cache/fresh'), 'f');
      writeFileSync(join(upper, 'etc/added'), 'a');
      const names = await entries(diffOverlayUpper(upper));
      expect(names).toEqual([
        'etc/',
        'etc/.wh.removed',
        'etc/added',
        'var/',
        'var/cache/',
        'var/cache/.wh..wh..opq',
        'var/cache/fresh',
      ]);
      const again = join(dir, 'again');
      mkdirSync(again);
      await applyLayer(again, diffOverlayUpper(upper), { whiteouts: 'overlay' });
      expect(tree(again)).toEqual(tree(upper));
      expect(n.lgetxattr(join(again, 'var/cache'), 'trusted.overlay.opaque').toString()).toBe('y');
      expect(n.llistxattr(join(again, 'etc'))).not.toContain('trusted.overlay.origin');
    },
  );

  it.skipIf(!isRoot)(
    'diffOverlayUpper refuses a redirected (renamed lower) directory (root only)',
    async () => {
      const upper = join(dir, 'upper');
      mkdirSync(join(upper, 'renamed'), { recursive: true });
      native().lsetxattr(join(upper, 'renamed'), 'trusted.overlay.redirect', Buffer.from('/orig'), 0);
      await expect(entries(diffOverlayUpper(upper))).rejects.toThrow(/overlay redirect/);
    },
  );
});
