import { lstat, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OciConfig } from '../../../spec/oci-runtime.js';
import {
  buildBundle,
  withAnnotations,
  withArgs,
  withCapabilities,
  withCwd,
  withEnv,
  withHook,
  withHostname,
  withMount,
  withNamespaces,
  withReadonlyRoot,
  withResources,
  withRlimit,
  withTerminal,
  withUser,
} from './bundle.js';
import { BUSYBOX_APPLETS } from './rootfs.js';

describe('buildBundle', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-bundle-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const written = async (bundleDir: string): Promise<OciConfig> =>
    JSON.parse(await readFile(join(bundleDir, 'config.json'), 'utf8')) as OciConfig;

  it('writes runc-spec defaults with a writable root and no terminal', async () => {
    const b = await buildBundle(join(dir, 'b'), { rootfs: { files: {} } });
    const c = await written(b.dir);
    expect(c.root).toEqual({ path: 'rootfs', readonly: false });
    expect(c.process).toMatchObject({
      terminal: false,
      cwd: '/',
      user: { uid: 0, gid: 0 },
      noNewPrivileges: true,
    });
    expect(c.linux.namespaces?.map((n) => n.type).sort()).toEqual(['ipc', 'mount', 'network', 'pid', 'uts']);
    expect(c.mounts.map((m) => m.destination)).toContain('/proc');
    expect(c.process.capabilities?.bounding).toEqual(['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE']);
    expect((await lstat(join(b.rootfs, 'proc'))).isDirectory()).toBe(true);
  });

  it('applies each option to the written config', async () => {
    const b = await buildBundle(
      join(dir, 'b'),
      { rootfs: { files: {} } },
      withArgs('/bin/probe', '--x'),
      withEnv({ A: '1', TERM: 'dumb' }),
      withCwd('/tmp'),
      withUser(1000, 1000, [5, 6]),
      withTerminal(),
      withHostname('box'),
      withMount({ destination: '/data', type: 'bind', source: '/srv', options: ['rbind', 'ro'] }),
      withNamespaces('pid', { type: 'network', path: '/proc/1/ns/net' }),
      withHook('poststop', { path: '/bin/true' }),
      withHook('poststop', { path: '/bin/false', timeout: 2 }),
      withRlimit('RLIMIT_NOFILE', 64, 128),
      withCapabilities(['CAP_CHOWN']),
      withReadonlyRoot(),
      withResources({ pids: { limit: 10 } }),
      withAnnotations({ 'org.example': 'yes' }),
    );
    const c = await written(b.dir);
    expect(c).toEqual(b.config);
    expect(c.process.args).toEqual(['/bin/probe', '--x']);
    expect(c.process.env).toContain('A=1');
    expect(c.process.env).toContain('TERM=dumb');
    expect(c.process.env?.filter((e) => e.startsWith('TERM='))).toHaveLength(1);
    expect(c.process).toMatchObject({
      cwd: '/tmp',
      terminal: true,
      user: { uid: 1000, gid: 1000, additionalGids: [5, 6] },
    });
    expect(c.process.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 64, hard: 128 }]);
    expect(c.process.capabilities?.effective).toEqual(['CAP_CHOWN']);
    expect(c.hostname).toBe('box');
    expect(c.mounts.find((m) => m.destination === '/data')?.options).toEqual(['rbind', 'ro']);
    expect(c.linux.namespaces).toEqual([{ type: 'pid' }, { type: 'network', path: '/proc/1/ns/net' }]);
    expect(c.hooks?.poststop?.map((h) => h.path)).toEqual(['/bin/true', '/bin/false']);
    expect(c.root.readonly).toBe(true);
    expect(c.linux.resources).toMatchObject({
      pids: { limit: 10 },
      devices: [{ allow: false, access: 'rwm' }],
    });
    expect(c.annotations).toEqual({ 'org.example': 'yes' });
  });

  it('populates a busybox rootfs with applet links and copies binaries and files', async () => {
    const host = join(dir, 'probe');
    await writeFile(host, 'fake static binary');
    const b = await buildBundle(join(dir, 'b'), {
      rootfs: { busybox: true, binaries: { '/bin/probe': host }, files: { '/etc/motd': 'hi' } },
    });
    for (const applet of BUSYBOX_APPLETS)
      expect(await readlink(join(b.rootfs, 'bin', applet))).toBe('busybox');
    expect((await lstat(join(b.rootfs, 'bin/busybox'))).mode & 0o111).not.toBe(0);
    expect(await readFile(join(b.rootfs, 'bin/probe'), 'utf8')).toBe('fake static binary');
    expect(await readFile(join(b.rootfs, 'etc/motd'), 'utf8')).toBe('hi');
  });

  it('copies a rootfs from a host directory, keeping symlinks', async () => {
    const first = await buildBundle(join(dir, 'a'), { rootfs: 'busybox' });
    const second = await buildBundle(join(dir, 'b'), { rootfs: { copyFrom: first.rootfs } });
    expect(await readlink(join(second.rootfs, 'bin/sh'))).toBe('busybox');
  });
});
