import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { withReadonlyRoot } from '../../core/engines/runtime-cli/bundle.js';
import { conformance } from '../support/index.js';
import { configOpts, editBundle, errorOf, mountFlags, runLines, withSh } from './config-helpers.js';
import { probeBundleWith, useRuntime } from './support/index.js';

useRuntime();

const MARKER = { '/etc/marker': 'root-marker' };
const opts = (id: string) => configOpts('root', id);

describe('root', () => {
  conformance('root.path relative to the bundle is the container root', opts('root.path'), async () => {
    const b = await probeBundleWith({ files: MARKER }, withSh('read /etc/marker'));
    expect(b.config.root.path).toBe('rootfs');
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ path: '/etc/marker', content: 'root-marker' });
  });

  conformance('root.path may be an absolute path', opts('root.path'), async () => {
    const b = await probeBundleWith({ files: MARKER }, withSh('read /etc/marker'));
    await editBundle(b, (c, bundle) => {
      c.root.path = bundle.rootfs;
    });
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ path: '/etc/marker', content: 'root-marker' });
  });

  conformance('root.path relative with a non-conventional name', opts('root.path'), async () => {
    const b = await probeBundleWith({ files: MARKER }, withSh('read /etc/marker'));
    await editBundle(b, async (c, bundle) => {
      await rename(bundle.rootfs, join(bundle.dir, 'other-root'));
      c.root.path = 'other-root';
    });
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ path: '/etc/marker', content: 'root-marker' });
  });

  conformance('root.readonly true: a write to / fails with EROFS', opts('root.readonly'), async () => {
    const b = await probeBundleWith({}, withReadonlyRoot(), withSh('write /etc/new x', 'report mounts'));
    const r = await runLines(b);
    expect(errorOf(r.lines, '/etc/new')).toBe('EROFS');
    expect(mountFlags(r.lines, '/')).toContain('ro');
  });

  conformance('root.readonly false: the root is writable', opts('root.readonly'), async () => {
    const b = await probeBundleWith({}, withReadonlyRoot(false), withSh('write /etc/new written-inside'));
    const r = await runLines(b);
    expect(r.exitCode).toBe(0);
    expect(await readFile(join(b.rootfs, 'etc/new'), 'utf8')).toBe('written-inside');
  });
});
