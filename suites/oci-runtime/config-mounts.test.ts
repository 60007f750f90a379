import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { withMount } from '../../core/engines/runtime-cli/bundle.js';
import { probePath } from '../../fixtures/images/index.js';
import type { OciMount } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import {
  configOpts,
  editBundle,
  errorOf,
  mountAt,
  mountFlags,
  mountsOf,
  runLines,
  statOf,
  withSh,
} from './config-helpers.js';
import { hostDir, probeBundleWith, useRuntime } from './support/index.js';

useRuntime();

const opts = (...ids: string[]) => configOpts('mounts', ...ids);
const bind = (source: string, destination: string, ...extra: string[]): OciMount => ({
  destination,
  type: 'bind',
  source,
  options: ['rbind', ...extra],
});
const tmpfs = (destination: string, ...options: string[]): OciMount => ({
  destination,
  type: 'tmpfs',
  source: 'tmpfs',
  options,
});
/** Appends a mount even when one at the same destination exists (withMount replaces). */
const append = async (b: Awaited<ReturnType<typeof probeBundleWith>>, ...m: OciMount[]) =>
  editBundle(b, (c) => {
    c.mounts.push(...m);
  });

async function dirWith(label: string, files: Record<string, string>): Promise<string> {
  const dir = await hostDir(label);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

describe('mounts: bind', () => {
  conformance('a rw bind mount shares files both ways', opts('mounts.bind'), async () => {
    const host = await dirWith('rw', { 'from-host': 'hello' });
    const b = await probeBundleWith(
      {},
      withMount(bind(host, '/data', 'rw')),
      withSh('read /data/from-host', 'write /data/from-inside yes'),
    );
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ content: 'hello' });
    expect(await readFile(join(host, 'from-inside'), 'utf8')).toBe('yes');
  });

  conformance(
    'a ro bind mount is readable and refuses writes',
    opts('mounts.bind', 'mounts.option.ro'),
    async () => {
      const host = await dirWith('ro', { 'from-host': 'hello' });
      const b = await probeBundleWith(
        {},
        withMount(bind(host, '/data', 'ro')),
        withSh('read /data/from-host', 'write /data/x no', 'report mounts'),
      );
      const r = await runLines(b);
      expect(r.lines[0]).toMatchObject({ content: 'hello' });
      expect(errorOf(r.lines, '/data/x')).toBe('EROFS');
      expect(mountFlags(r.lines, '/data')).toContain('ro');
    },
  );

  conformance(
    'a relative bind source is resolved against the bundle',
    opts('mounts.bind-source-relative'),
    async () => {
      const b = await probeBundleWith(
        {},
        withMount(bind('shared-data', '/data', 'rw')),
        withSh('read /data/f'),
      );
      await mkdir(join(b.dir, 'shared-data'));
      await writeFile(join(b.dir, 'shared-data', 'f'), 'relative-source');
      const r = await runLines(b);
      expect(r.lines[0]).toMatchObject({ content: 'relative-source' });
    },
  );

  conformance('a single file can be bind mounted', opts('mounts.bind'), async () => {
    const host = await dirWith('file', { 'one.txt': 'just-a-file' });
    const b = await probeBundleWith(
      {},
      withMount(bind(join(host, 'one.txt'), '/etc/one.txt', 'ro')),
      withSh('read /etc/one.txt'),
    );
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ content: 'just-a-file' });
  });
});

describe('mounts: filesystem types and data options', () => {
  conformance('tmpfs gets its size option', opts('mounts.type', 'mounts.fs-options'), async () => {
    const b = await probeBundleWith({}, withMount(tmpfs('/scratch', 'size=3m')), withSh('report mounts'));
    const m = mountAt(mountsOf((await runLines(b)).lines), '/scratch');
    expect(m.fstype).toBe('tmpfs');
    expect(m.super_options.split(',')).toContain('size=3072k');
  });

  conformance('tmpfs gets its mode option', opts('mounts.type', 'mounts.fs-options'), async () => {
    const b = await probeBundleWith({}, withMount(tmpfs('/scratch', 'mode=0710')), withSh('stat /scratch'));
    expect(statOf((await runLines(b)).lines, '/scratch')).toMatchObject({ type: 'dir', mode: '0710' });
  });

  conformance('a proc mount is procfs', opts('mounts.type'), async () => {
    const p = { destination: '/proc2', type: 'proc', source: 'proc' };
    const b = await probeBundleWith({}, withMount(p), withSh('stat /proc2/self', 'report mounts'));
    const r = await runLines(b);
    expect(mountAt(mountsOf(r.lines), '/proc2').fstype).toBe('proc');
    // `stat` runs in a child of the probe shell: self is some small pid of the container's pid namespace
    expect(statOf(r.lines, '/proc2/self')).toMatchObject({
      type: 'symlink',
      link: expect.stringMatching(/^\d+$/),
    });
  });

  conformance('a sysfs mount is sysfs', opts('mounts.type'), async () => {
    const s = { destination: '/sys2', type: 'sysfs', source: 'sysfs', options: ['ro', 'nosuid'] };
    const b = await probeBundleWith({}, withMount(s), withSh('stat /sys2/kernel', 'report mounts'));
    const r = await runLines(b);
    expect(mountAt(mountsOf(r.lines), '/sys2').fstype).toBe('sysfs');
    expect(statOf(r.lines, '/sys2/kernel').type).toBe('dir');
  });
});

describe('mounts: flags', () => {
  const flags: [string, (f: string[]) => void][] = [
    ['ro', (f) => expect(f).toContain('ro')],
    ['nosuid', (f) => expect(f).toContain('nosuid')],
    ['nodev', (f) => expect(f).toContain('nodev')],
    ['noexec', (f) => expect(f).toContain('noexec')],
    ['noatime', (f) => expect(f).toContain('noatime')],
    ['nodiratime', (f) => expect(f).toContain('nodiratime')],
    ['relatime', (f) => expect(f).toContain('relatime')],
    // strict atime is the absence of both relatime and noatime in mountinfo
    ['strictatime', (f) => expect(f.filter((x) => x === 'relatime' || x === 'noatime')).toEqual([])],
    ['nosymfollow', (f) => expect(f).toContain('nosymfollow')],
  ];
  for (const [flag, check] of flags) {
    conformance(`option ${flag} sets the mount flag`, opts(`mounts.option.${flag}`), async () => {
      const b = await probeBundleWith({}, withMount(tmpfs('/flagged', flag)), withSh('report mounts'));
      check(mountFlags((await runLines(b)).lines, '/flagged'));
    });
  }

  conformance('noexec: a binary on the mount cannot be executed', opts('mounts.option.noexec'), async () => {
    const host = await hostDir('bins');
    await copyFile(probePath(), join(host, 'probe'));
    const b = await probeBundleWith(
      {},
      withMount(bind(host, '/x', 'ro')),
      withMount(bind(host, '/nx', 'ro', 'noexec')),
      withSh('/x/probe echo ran-from-x', '/nx/probe echo ran-from-nx'),
    );
    const r = await runLines(b);
    expect(r.stdout).toContain('ran-from-x');
    expect(r.stdout).not.toContain('ran-from-nx');
    expect(r.exitCode).toBe(126);
  });
});

describe('mounts: order and destinations', () => {
  for (const [first, second] of [
    ['A', 'B'],
    ['B', 'A'],
  ] as const) {
    conformance(
      `mounts apply in order: ${first} then ${second} at one place shows ${second}`,
      opts('mounts.order'),
      async () => {
        const dirs = { A: await dirWith('a', { who: 'A' }), B: await dirWith('b', { who: 'B' }) };
        const b = await probeBundleWith({}, withSh('read /data/who'));
        await append(b, bind(dirs[first], '/data', 'ro'), bind(dirs[second], '/data', 'ro'));
        expect((await runLines(b)).lines[0]).toMatchObject({ content: second });
      },
    );
  }

  conformance('a mount inside an earlier mount lands on top of it', opts('mounts.order'), async () => {
    const host = await dirWith('inner', { who: 'inner' });
    const b = await probeBundleWith({}, withSh('read /stack/inner/who', 'report mounts'));
    await append(b, tmpfs('/stack', 'mode=755'), bind(host, '/stack/inner', 'ro'));
    const r = await runLines(b);
    expect(r.lines[0]).toMatchObject({ content: 'inner' });
    const mounts = mountsOf(r.lines);
    expect(mountAt(mounts, '/stack/inner').parent).toBe(mountAt(mounts, '/stack').id);
  });

  conformance('a missing destination is created', opts('mounts.bind'), async () => {
    const host = await dirWith('deep', { f: 'deep' });
    const b = await probeBundleWith(
      {},
      withMount(bind(host, '/not/there/yet', 'ro')),
      withSh('read /not/there/yet/f'),
    );
    expect((await runLines(b)).lines[0]).toMatchObject({ content: 'deep' });
    expect((await stat(join(b.rootfs, 'not/there/yet'))).isDirectory()).toBe(true);
  });

  conformance(
    'a relative destination is taken relative to /',
    opts('mounts.destination-relative'),
    async () => {
      const b = await probeBundleWith({}, withMount(tmpfs('reldest', 'mode=0750')), withSh('stat /reldest'));
      expect(statOf((await runLines(b)).lines, '/reldest')).toMatchObject({ type: 'dir', mode: '0750' });
    },
  );
});

describe('default filesystems and /dev links', () => {
  for (const [path, fstype] of [
    ['/proc', 'proc'],
    ['/sys', 'sysfs'],
    ['/dev/pts', 'devpts'],
    ['/dev/shm', 'tmpfs'],
  ] as const) {
    conformance(`${path} is ${fstype}`, opts('linux.default-filesystems'), async () => {
      const b = await probeBundleWith({}, withSh('report mounts'));
      expect(mountAt(mountsOf((await runLines(b)).lines), path).fstype).toBe(fstype);
    });
  }

  for (const [link, target] of [
    ['/dev/fd', '/proc/self/fd'],
    ['/dev/stdin', '/proc/self/fd/0'],
    ['/dev/stdout', '/proc/self/fd/1'],
    ['/dev/stderr', '/proc/self/fd/2'],
  ] as const) {
    conformance(`${link} links to ${target}`, opts('runtime-linux.dev-symlinks'), async () => {
      const b = await probeBundleWith({}, withSh(`stat ${link}`));
      expect(statOf((await runLines(b)).lines, link)).toMatchObject({ type: 'symlink', link: target });
    });
  }
});
