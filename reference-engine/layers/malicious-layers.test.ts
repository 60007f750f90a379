import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TarEntry, tarBuffer } from '../../core/tar/index.js';
import { InvalidArgument } from '../errors.js';
import { applyLayer } from './apply-layer.js';

// Layout per case: <dir>/root is the apply target, <dir>/sentinel sits next to it and must never change.
let dir: string;
let sentinel: string;

const corpus = (): Array<{ name: string; entries: TarEntry[]; refused: string }> => [
  {
    name: '../ escape',
    entries: [{ name: '../sentinel/evil', content: 'x' }],
    refused: '../sentinel/evil',
  },
  {
    name: 'deep ../ escape',
    entries: [{ name: 'a/b/../../../sentinel/evil', content: 'x' }],
    refused: 'a/b/../../../sentinel/evil',
  },
  {
    name: 'symlink parent, then a write through it',
    entries: [
      { name: 'lnk', type: 'symlink', linkname: '../sentinel' },
      { name: 'lnk/evil', content: 'x' },
    ],
    refused: 'lnk/evil',
  },
  {
    name: 'hardlink to an outside file',
    entries: [{ name: 'passwd', type: 'link', linkname: '../sentinel/passwd' }],
    refused: 'passwd',
  },
  {
    name: 'hardlink to an absolute outside path',
    entries: [{ name: 'passwd', type: 'link', linkname: `${dir}/sentinel/passwd` }],
    refused: 'passwd',
  },
  {
    name: 'hardlink through a symlinked parent',
    entries: [
      { name: 'lnk', type: 'symlink', linkname: '../sentinel' },
      { name: 'passwd', type: 'link', linkname: 'lnk/passwd' },
    ],
    refused: 'passwd',
  },
  {
    name: 'symlink to /, then a file under it',
    entries: [
      { name: 'slash', type: 'symlink', linkname: '/' },
      { name: `slash${dir}/sentinel/evil`, content: 'x' },
    ],
    refused: `slash${dir}/sentinel/evil`,
  },
  { name: 'whiteout with .. in its name', entries: [{ name: '.wh...' }], refused: '.wh...' },
  { name: 'whiteout of a dot', entries: [{ name: 'a/.wh..' }], refused: 'a/.wh..' },
  {
    name: 'whiteout escaping by ..',
    entries: [{ name: '../sentinel/.wh.passwd' }],
    refused: '../sentinel/.wh.passwd',
  },
  {
    name: 'whiteout through a symlinked parent',
    entries: [{ name: 'lnk', type: 'symlink', linkname: '../sentinel' }, { name: 'lnk/.wh.passwd' }],
    refused: 'lnk/.wh.passwd',
  },
  {
    name: 'opaque whiteout through a symlinked parent',
    entries: [{ name: 'lnk', type: 'symlink', linkname: '../sentinel' }, { name: 'lnk/.wh..wh..opq' }],
    refused: 'lnk/.wh..wh..opq',
  },
  {
    name: 'device node named to escape',
    entries: [{ name: '../sentinel/sda', type: 'block-device', devmajor: 8, devminor: 0 }],
    refused: '../sentinel/sda',
  },
  {
    name: 'very long path',
    entries: [{ name: `${'d/'.repeat(2100)}f`, content: 'x' }],
    refused: 'd/d/d/',
  },
  {
    name: 'over-long component',
    entries: [{ name: `${'n'.repeat(300)}`, content: 'x' }],
    refused: 'nnnn',
  },
];

function snapshot(path: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    const st = lstatSync(p, { bigint: true });
    out.push(`${name} ${st.mode} ${st.size} ${st.mtimeNs} ${st.isFile() ? readFileSync(p, 'hex') : ''}`);
    if (st.isDirectory()) out.push(...snapshot(p).map((line) => `${name}/${line}`));
  }
  return out;
}

describe('malicious layers never write outside the root', () => {
  let before: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-evil-'));
    sentinel = join(dir, 'sentinel');
    mkdirSync(sentinel);
    writeFileSync(join(sentinel, 'passwd'), 'root:x:0:0::/root:/bin/sh\n');
    before = snapshot(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const whiteouts of ['overlay', 'remove'] as const) {
    it(`refuses every corpus entry by name (${whiteouts} form)`, async () => {
      for (const { name, entries, refused } of corpus()) {
        const root = join(dir, 'root');
        mkdirSync(root);
        try {
          const tar = await tarBuffer(entries);
          const applying = applyLayer(root, Readable.from([tar]), { whiteouts });
          await expect(applying, name).rejects.toThrow(refused);
          await expect(applyLayer(root, Readable.from([tar]), { whiteouts }), name).rejects.toBeInstanceOf(
            InvalidArgument,
          );
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
        expect(snapshot(dir), name).toEqual(before);
      }
    });
  }

  it('keeps an absolute path inside the root (leading / stripped, as tar does)', async () => {
    const root = join(dir, 'root');
    mkdirSync(root);
    try {
      const tar = await tarBuffer([{ name: `${dir}/sentinel/abs`, content: 'in' }]);
      await applyLayer(root, Readable.from([tar]), { whiteouts: 'remove' });
      expect(readFileSync(join(root, dir, 'sentinel/abs'), 'utf8')).toBe('in');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(snapshot(dir)).toEqual(before);
  });
});
