import { dir, type EntryMeta, file, hardlink, symlink } from '../../../fixtures/images/index.js';
import type { LayerCase } from './layer-case.js';

const MODES: readonly { kind: 'file' | 'dir'; mode: number; note: string }[] = [
  { kind: 'file', mode: 0o600, note: 'owner read/write only' },
  { kind: 'file', mode: 0o755, note: 'executable' },
  { kind: 'file', mode: 0o400, note: 'read-only' },
  { kind: 'file', mode: 0o4755, note: 'setuid' },
  { kind: 'file', mode: 0o2755, note: 'setgid' },
  { kind: 'file', mode: 0o6711, note: 'setuid+setgid, execute-only for others' },
  { kind: 'dir', mode: 0o1777, note: 'sticky, world-writable' },
  { kind: 'dir', mode: 0o700, note: 'private' },
  { kind: 'dir', mode: 0o2775, note: 'setgid directory' },
];

const OWNERS: readonly { kind: 'file' | 'dir'; uid: number; gid: number }[] = [
  { kind: 'file', uid: 1000, gid: 1000 },
  { kind: 'dir', uid: 1000, gid: 1000 },
  { kind: 'file', uid: 0, gid: 1000 },
  { kind: 'file', uid: 65534, gid: 65534 },
  { kind: 'file', uid: 12345, gid: 54321 },
];

const octal = (mode: number) => mode.toString(8).padStart(4, '0');
const item = (kind: 'file' | 'dir', meta: EntryMeta) =>
  kind === 'file' ? file('item', 'x\n', meta) : dir('item', meta);

const modeCases: LayerCase[] = MODES.map(({ kind, mode, note }) => ({
  name: `mode-${kind}-${octal(mode)}`,
  title: `a ${kind} with mode ${octal(mode)} (${note}) keeps it`,
  area: 'mode',
  requirements: ['image:layer.attr.mode'],
  layers: [[item(kind, { mode })]],
  expect: [{ path: 'item', type: kind, mode: octal(mode) }],
}));

const ownerCases: LayerCase[] = OWNERS.map(({ kind, uid, gid }) => ({
  name: `owner-${kind}-${uid}-${gid}`,
  title: `a ${kind} owned by ${uid}:${gid} keeps its owner`,
  area: 'owner',
  requirements: ['image:layer.attr.owner'],
  layers: [[item(kind, { uid, gid })]],
  expect: [{ path: 'item', type: kind, uid, gid }],
}));

/** Modes, owners, mtimes, hardlinks and symlinks of single entries. */
export const ATTRIBUTE_CASES: readonly LayerCase[] = [
  ...modeCases,
  ...ownerCases,
  {
    name: 'mtime-file',
    title: 'a file keeps its mtime (seconds)',
    area: 'mtime',
    requirements: ['image:layer.attr.mtime'],
    layers: [[file('f', 'x\n', { mtime: 1_000_000_000 })]],
    expect: [{ path: 'f', mtimeSec: 1_000_000_000 }],
  },
  {
    name: 'mtime-dir',
    title: 'a directory keeps its mtime although entries are created inside it',
    area: 'mtime',
    requirements: ['image:layer.attr.mtime'],
    layers: [[dir('d', { mtime: 1_100_000_000 }), file('d/child', 'c\n', { mtime: 1_200_000_000 })]],
    expect: [
      { path: 'd', mtimeSec: 1_100_000_000 },
      { path: 'd/child', mtimeSec: 1_200_000_000 },
    ],
  },
  {
    name: 'mtime-symlink',
    title: 'a symlink keeps its own mtime (not its target’s)',
    area: 'mtime',
    requirements: ['image:layer.attr.mtime', 'image:layer.attr.symlink'],
    layers: [
      [file('target', 't\n', { mtime: 1_000_000_000 }), symlink('link', 'target', { mtime: 1_300_000_000 })],
    ],
    expect: [{ path: 'link', type: 'symlink', mtimeSec: 1_300_000_000 }],
  },
  {
    name: 'mtime-nsec',
    title: 'a file keeps the sub-second part of a PAX mtime',
    area: 'mtime',
    requirements: ['image:layer.attr.mtime'],
    layers: [[file('f', 'x\n')]],
    paxMtime: { f: '1000000000.123456789' },
    expect: [{ path: 'f', mtimeSec: 1_000_000_000, mtimeNsec: 123_456_789 }],
  },
  {
    name: 'hardlink',
    title: 'a hardlink is the same inode as its target, with link count 2',
    area: 'hardlink',
    requirements: ['image:layer.hardlink'],
    layers: [[file('orig', 'shared\n', { mode: 0o640 }), hardlink('link', 'orig', { mode: 0o640 })]],
    expect: [
      { path: 'orig', type: 'file', nlink: 2, mode: '0640' },
      { path: 'link', type: 'file', nlink: 2, sameInodeAs: 'orig', content: 'shared\n', mode: '0640' },
    ],
  },
  {
    name: 'symlinks',
    title:
      'symlinks keep their target text (relative, absolute, dangling, to a directory) and are not followed',
    area: 'symlink',
    requirements: ['image:layer.attr.symlink'],
    layers: [
      [
        file('target', 'T\n'),
        symlink('rel', 'target'),
        symlink('abs', '/cases/symlinks/target'),
        symlink('dangling', '/nonexistent/nowhere'),
        symlink('up', '..'),
      ],
    ],
    expect: [
      { path: 'rel', type: 'symlink', link: 'target' },
      { path: 'abs', type: 'symlink', link: '/cases/symlinks/target' },
      { path: 'dangling', type: 'symlink', link: '/nonexistent/nowhere' },
      { path: 'up', type: 'symlink', link: '..' },
      { path: '.', children: ['abs', 'dangling', 'rel', 'target', 'up'] },
    ],
  },
];
