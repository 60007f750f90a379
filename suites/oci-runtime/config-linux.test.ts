import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { withNamespaces, withResources, withUser } from '../../core/engines/runtime-cli/bundle.js';
import { conformance } from '../support/index.js';
import {
  configOpts,
  editBundle,
  errorOf,
  expectRefused,
  type MountEntry,
  mountAt,
  runLines,
  statOf,
  withReport,
  withSh,
} from './config-helpers.js';
import { probeBundleWith, runProbe, useRuntime } from './support/index.js';

useRuntime();

type Lines = Record<string, unknown>[];
const contentOf = (l: Lines, path: string) => l.find((x) => x.path === path && 'content' in x)?.content;

describe('maskedPaths', () => {
  conformance('a masked file reads empty', configOpts('masked', 'linux.masked-paths'), async () => {
    const b = await probeBundleWith({ files: { '/etc/secret': 'top secret' } }, withSh('read /etc/secret'));
    await editBundle(b, (c) => {
      c.linux.maskedPaths = ['/etc/secret'];
    });
    expect(contentOf((await runLines(b)).lines, '/etc/secret')).toBe('');
  });

  conformance('a masked directory lists empty', configOpts('masked', 'linux.masked-paths'), async () => {
    const b = await probeBundleWith(
      { files: { '/etc/hidden/a': 'a', '/etc/hidden/b': 'b' } },
      withSh('tree /etc/hidden'),
    );
    await editBundle(b, (c) => {
      c.linux.maskedPaths = ['/etc/hidden'];
    });
    const tree = (await runLines(b)).lines[0] as { entries: { path: string }[] };
    expect(tree.entries.map((e) => e.path)).toEqual(['.']);
  });

  for (const path of ['/proc/kcore', '/proc/keys', '/proc/timer_list']) {
    conformance(
      `${path} (masked by default config) reads empty`,
      configOpts('masked', 'linux.masked-paths'),
      async (ctx) => {
        if (!existsSync(path)) ctx.skip(`${path} does not exist on this kernel, nothing to mask`);
        const b = await probeBundleWith({}, withSh(`read ${path}`));
        expect(b.config.linux.maskedPaths).toContain(path);
        expect(contentOf((await runLines(b)).lines, path)).toBe('');
      },
    );
  }
});

describe('readonlyPaths', () => {
  conformance(
    '/proc/sys (readonly by default config) refuses writes',
    configOpts('readonly', 'linux.readonly-paths'),
    async () => {
      const b = await probeBundleWith({}, withSh('write /proc/sys/kernel/hostname x'));
      expect(b.config.linux.readonlyPaths).toContain('/proc/sys');
      expect(errorOf((await runLines(b)).lines, '/proc/sys/kernel/hostname')).toBe('EROFS');
    },
  );

  conformance(
    'a listed rootfs directory is read-only, its sibling is not',
    configOpts('readonly', 'linux.readonly-paths'),
    async () => {
      const files = { '/ro-here/keep': 'k', '/rw-here/keep': 'k' };
      const b = await probeBundleWith({ files }, withSh('write /rw-here/f ok', 'write /ro-here/f no'));
      await editBundle(b, (c) => {
        c.linux.readonlyPaths = ['/ro-here'];
      });
      const r = await runLines(b);
      expect(r.lines[0]).toMatchObject({ path: '/rw-here/f', written: 2 });
      expect(errorOf(r.lines, '/ro-here/f')).toBe('EROFS');
    },
  );
});

describe('devices', () => {
  const defaults: [string, number, number, string?][] = [
    ['null', 1, 3, 'write /dev/null x'],
    ['zero', 1, 5],
    ['full', 1, 7, 'write /dev/full x'],
    ['random', 1, 8],
    ['urandom', 1, 9],
    ['tty', 5, 0],
  ];
  for (const [name, major, minor, extra] of defaults) {
    conformance(
      `default device /dev/${name} is char ${major}:${minor}`,
      configOpts('devices', `linux.default-devices.${name}`),
      async () => {
        const b = await probeBundleWith({}, withSh(`stat /dev/${name}`, ...(extra ? [extra] : [])));
        const r = await runLines(b);
        expect(statOf(r.lines, `/dev/${name}`)).toMatchObject({ type: 'char', major, minor });
        if (name === 'null') expect(r.lines[1]).toMatchObject({ written: 1 });
        if (name === 'full') expect(errorOf(r.lines, '/dev/full')).toBe('ENOSPC');
      },
    );
  }

  conformance(
    'default device /dev/ptmx is the pts multiplexer',
    configOpts('devices', 'linux.default-devices.ptmx'),
    async () => {
      const r = await runLines(await probeBundleWith({}, withSh('stat /dev/ptmx', 'stat /dev/pts/ptmx')));
      const ptmx = statOf(r.lines, '/dev/ptmx');
      if (ptmx.type === 'symlink') expect(ptmx.link).toMatch(/^(\/dev\/)?pts\/ptmx$/);
      else expect(ptmx).toMatchObject({ type: 'char', major: 5, minor: 2 });
      expect(statOf(r.lines, '/dev/pts/ptmx')).toMatchObject({ type: 'char', major: 5, minor: 2 });
    },
  );

  const added: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [
      'char',
      { path: '/dev/cfg-char', type: 'c', major: 10, minor: 229, fileMode: 0o640, uid: 1000, gid: 1001 },
      { type: 'char', major: 10, minor: 229, mode: '0640', uid: 1000, gid: 1001 },
    ],
    [
      'block',
      { path: '/dev/cfg-block', type: 'b', major: 7, minor: 200, fileMode: 0o600, uid: 0, gid: 6 },
      { type: 'block', major: 7, minor: 200, mode: '0600', gid: 6 },
    ],
    ['fifo', { path: '/dev/cfg-fifo', type: 'p', fileMode: 0o620 }, { type: 'fifo', mode: '0620' }],
    [
      'char outside /dev',
      { path: '/opt/devs/cfg-char', type: 'c', major: 240, minor: 7, fileMode: 0o666 },
      { type: 'char', major: 240, minor: 7, mode: '0666' },
    ],
  ];
  for (const [label, device, want] of added) {
    conformance(
      `linux.devices: a ${label} device appears as configured`,
      configOpts('devices', 'linux.devices'),
      async () => {
        const path = String(device.path);
        const b = await probeBundleWith({}, withSh(`stat ${path}`));
        await editBundle(b, (c) => {
          Object.assign(c.linux, { devices: [device] });
        });
        expect(statOf((await runLines(b)).lines, path)).toMatchObject(want);
      },
    );
  }

  conformance(
    'a different file already at a device path is refused',
    configOpts('devices', 'linux.devices.mismatch'),
    async () => {
      const b = await probeBundleWith({ files: { '/opt/taken': 'a regular file' } });
      await editBundle(b, (c) => {
        Object.assign(c.linux, { devices: [{ path: '/opt/taken', type: 'c', major: 10, minor: 229 }] });
      });
      await expectRefused(b);
    },
  );

  const dev = { path: '/dev/cfg-unassigned', type: 'c', major: 240, minor: 7, fileMode: 0o666 };
  for (const allowed of [false, true]) {
    conformance(
      `device cgroup: ${allowed ? 'an allow rule after deny-all opens' : 'deny-all refuses'} the device`,
      configOpts('devices', 'linux.device-allowlist'),
      async () => {
        const rule = { allow: true, type: 'c', major: 240, minor: 7, access: 'rw' };
        const b = await probeBundleWith(
          {},
          withResources({ devices: [{ allow: false, access: 'rwm' }, ...(allowed ? [rule] : [])] }),
          withSh(`read ${dev.path}`),
        );
        await editBundle(b, (c) => {
          Object.assign(c.linux, { devices: [dev] });
        });
        const err = errorOf((await runLines(b)).lines, dev.path);
        // no driver has major 240: once the cgroup lets the open through, the kernel answers ENXIO/ENODEV
        if (allowed) expect(err).not.toBe('EPERM');
        else expect(err).toBe('EPERM');
      },
    );
  }
});

describe('sysctl', () => {
  for (const [key, value, file] of [
    ['kernel.shm_rmid_forced', '1', '/proc/sys/kernel/shm_rmid_forced'],
    ['net.ipv4.ip_forward', '1', '/proc/sys/net/ipv4/ip_forward'],
  ] as const) {
    conformance(`${key}=${value} is set inside`, configOpts('sysctl', 'linux.sysctl'), async () => {
      const b = await probeBundleWith({}, withSh(`read ${file}`));
      await editBundle(b, (c) => {
        c.linux.sysctl = { [key]: value };
      });
      expect(contentOf((await runLines(b)).lines, file)).toBe(`${value}\n`);
    });
  }
});

describe('seccomp', () => {
  for (const [errnoRet, name] of [
    [18, 'EXDEV'],
    [undefined, 'EPERM'],
  ] as const) {
    conformance(
      `SCMP_ACT_ERRNO on mkdir returns ${name}`,
      { ...configOpts('seccomp', 'linux.seccomp', 'linux.seccomp.errnoRet'), needs: ['runtime.seccomp'] },
      async () => {
        const b = await probeBundleWith({}, withSh('mkdir /tmp/denied', 'report seccomp'));
        await editBundle(b, (c) => {
          const rule = {
            names: ['mkdir', 'mkdirat'],
            action: 'SCMP_ACT_ERRNO',
            ...(errnoRet ? { errnoRet } : {}),
          };
          Object.assign(c.linux, { seccomp: { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [rule] } });
        });
        const r = await runLines(b);
        expect(errorOf(r.lines, '/tmp/denied')).toBe(name);
        expect(r.lines.find((l) => l.seccomp)?.seccomp).toMatchObject({ mode: 2, name: 'filter' });
      },
    );
  }
});

describe('rootfsPropagation', () => {
  const want: Record<string, (optional: string[]) => void> = {
    private: (o) => expect(o.filter((x) => /^(shared|master):/.test(x))).toEqual([]),
    shared: (o) => expect(o.some((x) => /^shared:\d+$/.test(x))).toBe(true),
    unbindable: (o) => expect(o).toContain('unbindable'),
  };
  for (const [mode, check] of Object.entries(want)) {
    conformance(
      `${mode}: the root mount has that propagation`,
      configOpts('propagation', 'linux.rootfs-propagation'),
      async () => {
        const b = await probeBundleWith({}, withReport('mounts'));
        await editBundle(b, (c) => {
          Object.assign(c.linux, { rootfsPropagation: mode });
        });
        const mounts = (await runProbe<{ mounts: MountEntry[] }>(b)).mounts;
        check(mountAt(mounts, '/').optional);
      },
    );
  }
});

describe('security modules', () => {
  const lsm = existsSync('/sys/kernel/security/lsm') ? '' : ' (securityfs shows no LSM list)';
  conformance(
    'apparmorProfile confines the process',
    configOpts('lsm', 'process.apparmorProfile'),
    async (ctx) => {
      if (!existsSync('/sys/kernel/security/apparmor'))
        ctx.skip(`AppArmor is not enabled in this kernel${lsm}`);
      const b = await probeBundleWith({}, withReport('lsm'));
      await editBundle(b, (c) => {
        Object.assign(c.process, { apparmorProfile: 'unconfined' });
      });
      expect((await runProbe(b)).lsm).toMatch(/unconfined/);
    },
  );

  conformance('selinuxLabel labels the process', configOpts('lsm', 'process.selinuxLabel'), async (ctx) => {
    if (!existsSync('/sys/fs/selinux/enforce')) ctx.skip(`SELinux is not enabled in this kernel${lsm}`);
    const label = 'system_u:system_r:container_t:s0:c1,c2';
    const b = await probeBundleWith(
      {},
      withReport('lsm'),
      withUser(0, 0),
      withNamespaces('pid', 'network', 'ipc', 'uts', 'mount'),
    );
    await editBundle(b, (c) => {
      Object.assign(c.process, { selinuxLabel: label });
    });
    expect((await runProbe(b)).lsm).toBe(label);
  });
});
