import { dir, file, opaque, symlink, whiteout } from '../../../fixtures/images/index.js';
import type { LayerCase } from './layer-case.js';

const W = ['image:layer.whiteout'];
const R = ['image:layer.changeset.replace'];

/** Whiteouts, opaque directories and replacements across layers. */
export const UNION_CASES: readonly LayerCase[] = [
  {
    name: 'whiteout-file',
    title: 'a whiteout deletes a file of a lower layer and leaves its sibling',
    area: 'whiteout',
    requirements: [...W, 'image:layer.whiteout.hidden'],
    layers: [[file('keep', 'keep\n'), file('gone', 'gone\n')], [whiteout('gone')]],
    expect: [
      { path: 'gone', absent: true },
      { path: 'keep', type: 'file', content: 'keep\n' },
      { path: '.', children: ['keep'] },
    ],
  },
  {
    name: 'whiteout-dir',
    title: 'a whiteout of a directory removes its whole subtree',
    area: 'whiteout',
    requirements: W,
    layers: [[file('sub/a', 'a\n'), file('sub/deep/b', 'b\n'), file('sibling', 's\n')], [whiteout('sub')]],
    expect: [
      { path: 'sub', absent: true },
      { path: 'sub/a', absent: true },
      { path: 'sub/deep/b', absent: true },
      { path: '.', children: ['sibling'] },
    ],
  },
  {
    name: 'whiteout-nothing',
    title: 'a whiteout for a path no lower layer has is harmless',
    area: 'whiteout',
    requirements: ['image:layer.whiteout.lower-only'],
    layers: [[file('other', 'o\n')], [whiteout('never'), whiteout('newdir/deeper'), file('added', 'a\n')]],
    expect: [
      { path: 'never', absent: true },
      { path: 'newdir', type: 'dir', children: [] },
      { path: '.', children: ['added', 'newdir', 'other'] },
    ],
  },
  {
    name: 'whiteout-readd',
    title: 'a path whited out can be added again by a later layer, with the new content and mode',
    area: 'whiteout',
    requirements: ['image:layer.whiteout.lower-only'],
    layers: [[file('x', 'old\n')], [whiteout('x')], [file('x', 'new\n', { mode: 0o640 })]],
    expect: [{ path: 'x', type: 'file', content: 'new\n', mode: '0640' }],
  },
  {
    name: 'whiteout-symlink',
    title: 'a whiteout of a symlink deletes the link, not its target',
    area: 'whiteout',
    requirements: W,
    layers: [[file('target', 'T\n'), symlink('link', 'target')], [whiteout('link')]],
    expect: [
      { path: 'link', absent: true },
      { path: 'target', type: 'file', content: 'T\n' },
    ],
  },
  {
    name: 'opaque',
    title: 'an opaque directory hides all lower children but keeps the entries of its own layer',
    area: 'opaque',
    requirements: ['image:layer.opaque', 'image:layer.whiteout.hidden'],
    layers: [
      [file('op/old1', 'old\n'), file('op/sub/old2', 'old\n'), file('other/keep', 'k\n')],
      [opaque('op'), file('op/new', 'new\n'), file('op/newsub/inner', 'in\n')],
    ],
    expect: [
      { path: 'op', type: 'dir', children: ['new', 'newsub'] },
      { path: 'op/old1', absent: true },
      { path: 'op/sub/old2', absent: true },
      { path: 'op/new', content: 'new\n' },
      { path: 'op/newsub/inner', content: 'in\n' },
      { path: 'other', children: ['keep'] },
    ],
  },
  {
    name: 'opaque-new-dir',
    title: 'an opaque marker in a directory no lower layer has is harmless',
    area: 'opaque',
    requirements: ['image:layer.opaque'],
    layers: [[file('base', 'b\n')], [opaque('fresh'), file('fresh/f', 'f\n')]],
    expect: [
      { path: 'fresh', type: 'dir', children: ['f'] },
      { path: '.', children: ['base', 'fresh'] },
    ],
  },
  {
    name: 'file-to-dir',
    title: 'a file replaced by a directory in a later layer becomes that directory',
    area: 'replace',
    requirements: R,
    layers: [[file('x', 'file\n')], [dir('x', { mode: 0o750 }), file('x/inner', 'i\n')]],
    expect: [
      { path: 'x', type: 'dir', mode: '0750', children: ['inner'] },
      { path: 'x/inner', content: 'i\n' },
    ],
  },
  {
    name: 'dir-to-file',
    title: 'a directory replaced by a file in a later layer becomes that file; its children are gone',
    area: 'replace',
    requirements: R,
    layers: [[file('x/inner', 'i\n'), file('x/deep/y', 'y\n')], [file('x', 'now a file\n', { mode: 0o600 })]],
    expect: [
      { path: 'x', type: 'file', content: 'now a file\n', mode: '0600' },
      { path: 'x/inner', absent: true },
    ],
  },
  {
    name: 'file-dir-file',
    title: 'file, then directory, then file again: the last layer wins',
    area: 'replace',
    requirements: R,
    layers: [[file('x', 'one\n')], [file('x/inner', 'two\n')], [file('x', 'three\n')]],
    expect: [{ path: 'x', type: 'file', content: 'three\n' }],
  },
  {
    name: 'dir-file-dir',
    title: 'directory, then file, then directory again: the first directory does not resurface',
    area: 'replace',
    requirements: R,
    layers: [[file('x/old', 'old\n')], [file('x', 'file\n')], [file('x/again', 'again\n')]],
    expect: [
      { path: 'x', type: 'dir', children: ['again'] },
      { path: 'x/old', absent: true },
    ],
  },
  {
    name: 'dir-merge',
    title: 'a directory over a directory keeps the lower children and takes the new mode and owner',
    area: 'replace',
    requirements: ['image:layer.changeset.dirs'],
    layers: [[file('d/child', 'c\n')], [dir('d', { mode: 0o700, uid: 1000, gid: 1000 })]],
    expect: [{ path: 'd', type: 'dir', mode: '0700', uid: 1000, gid: 1000, children: ['child'] }],
  },
  {
    name: 'file-modified',
    title: 'a file modified in a later layer has the new content, size, mode and owner',
    area: 'replace',
    requirements: R,
    layers: [[file('f', 'v1\n')], [file('f', 'version two\n', { mode: 0o600, uid: 1000, gid: 1000 })]],
    expect: [{ path: 'f', type: 'file', content: 'version two\n', mode: '0600', uid: 1000, gid: 1000 }],
  },
  {
    name: 'symlink-to-file',
    title: 'a file over a symlink replaces the link and does not write through it',
    area: 'replace',
    requirements: [...R, 'image:layer.attr.symlink'],
    layers: [[file('target', 'T\n'), symlink('s', 'target')], [file('s', 'now a file\n')]],
    expect: [
      { path: 's', type: 'file', content: 'now a file\n' },
      { path: 'target', content: 'T\n' },
    ],
  },
  {
    name: 'file-to-symlink',
    title: 'a symlink over a file replaces the file with the link',
    area: 'replace',
    requirements: [...R, 'image:layer.attr.symlink'],
    layers: [[file('f', 'x\n')], [symlink('f', '/etc/passwd')]],
    expect: [{ path: 'f', type: 'symlink', link: '/etc/passwd' }],
  },
];
