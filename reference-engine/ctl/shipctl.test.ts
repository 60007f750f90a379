import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../core/repo-root.js';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import { chainIds } from '../storage/chain-id.js';
import { mountAll, unmount } from '../storage/mount.js';

const root = repoRoot();
const main = join(root, 'dist/reference-engine/ctl/main.js');
const isRoot = process.getuid?.() === 0;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the compiled shipctl with `args`, optional stdin bytes; never throws. */
function shipctl(args: string[], input?: Buffer): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [main, ...args],
      { timeout: 60_000, maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? Buffer.alloc(0));
  });
}

let work: string;
let probe: FixtureImage;
let archive: string;
beforeAll(async () => {
  await new Promise<void>((resolve) =>
    execFile(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      timeout: 180_000,
    }).on('exit', () => resolve()),
  );
  if (!existsSync(main)) throw new Error(`tsc did not produce ${main}`);
  work = mkdtempSync(join(tmpdir(), 'shipctl-cli-'));
  probe = (await fixtureImage('probe')) as FixtureImage;
  archive = join(work, 'probe.tar');
  writeFileSync(archive, await dockerArchiveTar(probe, { refs: ['probe:1', 'other/probe:2'] }));
}, 200_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const newRoot = () => mkdtempSync(join(work, 'root-'));

describe('shipctl images', () => {
  it('loads a docker-archive, lists, inspects, and saves in both formats back to the same id', async () => {
    const r = newRoot();
    const load = await shipctl(['--root', r, 'images', 'load', '-i', archive]);
    expect(load).toMatchObject({ code: 0, stderr: '' });
    expect(load.stdout).toContain('Loaded image: probe:1');
    expect((await shipctl(['--root', r, 'images', 'ls', '-q'])).stdout.trim()).toBe(probe.id);
    const ls = await shipctl(['--root', r, 'images', 'ls', '--filter', 'reference=probe:*']);
    expect(ls.stdout).toMatch(/^REF\s+ID\s+SIZE\s+CREATED\nprobe:1\s+sha256:/);
    const none = await shipctl(['--root', r, 'images', 'ls', '--filter', 'reference=nothing*']);
    expect(none.stdout).toMatch(/^REF\s+ID\s+SIZE\s+CREATED\n$/);
    const json = JSON.parse((await shipctl(['--root', r, 'images', 'ls', '--json'])).stdout) as Array<{
      Id: string;
    }>;
    expect(json.map((i) => i.Id)).toEqual([probe.id]);
    const inspect = JSON.parse((await shipctl(['--root', r, 'images', 'inspect', 'probe:1'])).stdout);
    expect(inspect).toMatchObject({ Id: probe.id, RootFS: { Layers: probe.config.rootfs.diff_ids } });
    for (const format of ['docker-archive', 'oci-layout']) {
      const out = join(work, `saved-${format}.tar`);
      expect(
        (await shipctl(['--root', r, 'images', 'save', '--format', format, '-o', out, 'probe:1'])).code,
      ).toBe(0);
      const again = newRoot();
      const reload = await shipctl(['--root', again, 'images', 'load'], readFileSync(out));
      expect(reload.code, reload.stderr).toBe(0);
      const ids = (await shipctl(['--root', again, 'images', 'ls', '-q'])).stdout.trim();
      expect(ids, format).toBe(probe.id);
    }
    const piped = await shipctl(['--root', r, 'images', 'save', 'probe:1']);
    expect(piped.stdout.length).toBeGreaterThan(1000);
  });

  it('applies docker rmi rules: an id in two repositories needs --force; a name only untags', async () => {
    const r = newRoot();
    await shipctl(['--root', r, 'images', 'load', '-i', archive]);
    const conflict = await shipctl(['--root', r, 'images', 'rm', probe.id]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toBe(
      `shipctl: conflict: unable to delete ${probe.id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories\n`,
    );
    const untag = await shipctl(['--root', r, 'images', 'rm', 'other/probe:2']);
    expect(untag).toMatchObject({ code: 0, stdout: 'Untagged: other/probe:2\n' });
    await shipctl(['--root', r, 'images', 'load', '-i', archive]);
    const forced = await shipctl(['--root', r, 'images', 'rm', '--force', probe.id]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`Deleted: ${probe.id}`);
    expect((await shipctl(['--root', r, 'images', 'ls', '-q'])).stdout).toBe('');
    expect(readdirSync(join(r, 'images', 'blobs', 'sha256'))).toEqual([]);
    const missing = await shipctl(['--root', r, 'images', 'rm', 'probe:1']);
    expect(missing).toMatchObject({ code: 1, stderr: 'shipctl: No such image: probe:1\n' });
  });

  it('prunes dangling images, and every unused one with --all', async () => {
    const r = newRoot();
    await shipctl(['--root', r, 'images', 'load', '-i', archive]);
    expect((await shipctl(['--root', r, 'images', 'prune'])).stdout).toBe('Total reclaimed space: 0 B\n');
    const all = await shipctl(['--root', r, 'images', 'prune', '--all']);
    expect(all.stdout).toContain(`Deleted: ${probe.id}`);
    expect((await shipctl(['--root', r, 'images', 'ls', '-q'])).stdout).toBe('');
  });

  it('refuses a truncated archive with exit 1 and a clear message, leaving the store unchanged', async () => {
    const r = newRoot();
    await shipctl(['--root', r, 'images', 'load', '-i', archive]);
    const before = readdirSync(join(r, 'images', 'blobs', 'sha256')).sort();
    const index = readFileSync(join(r, 'images', 'images.json'), 'utf8');
    const bytes = readFileSync(archive);
    const other = await dockerArchiveTar(probe, { refs: ['truncated:1'] });
    const bad = await shipctl(
      ['--root', r, 'images', 'load'],
      other.subarray(0, Math.floor(bytes.length / 2) + 100),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^shipctl: .*(truncated|has no manifest|neither).*\n$/);
    expect(bad.stderr).not.toContain('    at ');
    expect(readdirSync(join(r, 'images', 'blobs', 'sha256')).sort()).toEqual(before);
    expect(readFileSync(join(r, 'images', 'images.json'), 'utf8')).toBe(index);
  });

  it('answers usage errors with exit 2', async () => {
    const r = newRoot();
    expect((await shipctl(['--root', r, 'images', 'frobnicate'])).code).toBe(2);
    expect((await shipctl(['--root', r, '--driver', 'zfs', 'snapshots', 'ls'])).code).toBe(2);
    const noArgs = await shipctl(['--root', r, 'images', 'inspect']);
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toMatch(/^shipctl: /);
  });
});

describe.each([
  ['vfs', undefined],
  ['overlay', isRoot ? undefined : 'overlay mounts need root'],
])('shipctl with the %s driver', (driver, skip) => {
  it.skipIf(skip !== undefined)(
    `unpacks an image as snapshots named by chain id, then prepares, commits and removes${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const r = newRoot();
      const g = ['--root', r, '--driver', driver];
      await shipctl([...g, 'images', 'load', '-i', archive]);
      const chain = chainIds(probe.config.rootfs.diff_ids);
      const unpack = await shipctl([...g, 'images', 'unpack', 'probe:1']);
      expect(unpack.code, unpack.stderr).toBe(0);
      expect(unpack.stdout).toContain(`top snapshot: ${chain.at(-1)}`);
      expect((await shipctl([...g, 'images', 'unpack', 'probe:1'])).stdout).toMatch(/^exists {3}/m);
      const prepare = await shipctl([...g, 'snapshots', 'prepare', 'ctr', chain.at(-1) as string]);
      expect(prepare.code, prepare.stderr).toBe(0);
      const mounts = await shipctl([...g, 'snapshots', 'mounts', 'ctr']);
      expect(mounts.stdout).toBe(prepare.stdout);
      const [type, source, options] = mounts.stdout.trim().split(' ') as [string, string, string];
      expect(type).toBe(driver === 'vfs' ? 'bind' : 'overlay');
      const target = mkdtempSync(join(work, 'mnt-'));
      await mountAll([{ type, source, options: options.split(',') }], target);
      try {
        expect(existsSync(join(target, 'bin/probe'))).toBe(true);
        mkdirSync(join(target, 'new-dir'));
      } finally {
        await unmount(target);
      }
      expect((await shipctl([...g, 'snapshots', 'commit', 'mine', 'ctr'])).code).toBe(0);
      const ls = await shipctl([...g, 'snapshots', 'ls']);
      expect(ls.stdout).toMatch(new RegExp(`^mine\\s+${chain.at(-1)}\\s+committed$`, 'm'));
      const usage = JSON.parse((await shipctl([...g, 'snapshots', 'usage', 'mine', '--json'])).stdout);
      expect(usage.inodes).toBeGreaterThanOrEqual(2);
      const inUse = await shipctl([...g, 'snapshots', 'rm', chain.at(-1) as string]);
      expect(inUse).toMatchObject({
        code: 1,
        stderr: `shipctl: snapshot "${chain.at(-1)}" has a child "mine"\n`,
      });
      expect((await shipctl([...g, 'snapshots', 'rm', 'mine', ...[...chain].reverse()])).code).toBe(0);
      expect((await shipctl([...g, 'snapshots', 'ls', '--json'])).stdout.trim()).toBe('[]');
      expect((await shipctl([...g, 'snapshots', 'mounts', 'mine'])).code).toBe(1);
    },
    120_000,
  );
});
