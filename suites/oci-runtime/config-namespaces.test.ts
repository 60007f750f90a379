import { spawn } from 'node:child_process';
import { chmod, readFile, readlink } from 'node:fs/promises';
import { describe, expect } from 'vitest';
import { type BundleOption, withHostname, withNamespaces } from '../../core/engines/runtime-cli/bundle.js';
import { probePath } from '../../fixtures/images/index.js';
import type { OciNamespace, OciNamespaceType } from '../../spec/oci-runtime.js';
import { conformance, waitFor } from '../support/index.js';
import {
  configOpts,
  createdPid,
  editBundle,
  expectRefused,
  hostNs,
  runLines,
  withReport,
  withSh,
} from './config-helpers.js';
import { probeBundleWith, session, useRuntime } from './support/index.js';

useRuntime();

const opts = (...ids: string[]) => configOpts('namespaces', ...ids);
/** /proc/self/ns link name of each spec namespace type. */
const LINK: Readonly<Record<OciNamespaceType, string>> = {
  pid: 'pid',
  network: 'net',
  mount: 'mnt',
  ipc: 'ipc',
  uts: 'uts',
  user: 'user',
  cgroup: 'cgroup',
  time: 'time',
};
const BASE: OciNamespaceType[] = ['pid', 'network', 'ipc', 'uts', 'mount'];
const MAP = [{ containerID: 0, hostID: 100000, size: 65536 }];

const withUserMappings: BundleOption = (c) => {
  Object.assign(c.linux, { uidMappings: MAP, gidMappings: MAP });
};

/**
 * The workspace root is made 0700; the mapped root (host uid 100000) must be able to reach the
 * bundle's rootfs, so let others search (not list) it.
 */
const searchableWorkspace = () => chmod(session().workspace.root, 0o711);

type Lines = Record<string, unknown>[];
const nsOf = (lines: Lines): Record<string, number> =>
  (lines.find((l) => l.namespaces)?.namespaces as Record<string, number> | undefined) ?? {};

/** Extra checks for each type beyond "a namespace other than the runtime's". */
const BEHAVIOUR: Readonly<Record<OciNamespaceType, { cmds: string[]; check: (l: Lines) => void }>> = {
  pid: {
    cmds: [], // the process itself reports (under `sh` the report would run in a child)
    check: (l) => expect(l.find((x) => x.process)?.process).toMatchObject({ pid: 1 }),
  },
  network: {
    cmds: ['read /proc/net/dev'],
    check: (l) => {
      const content = String(l.find((x) => x.path === '/proc/net/dev')?.content);
      const ifaces = content
        .split('\n')
        .slice(2)
        .filter((x) => x.includes(':'))
        .map((x) => x.split(':')[0]?.trim());
      expect(ifaces).toEqual(['lo']);
    },
  },
  mount: { cmds: [], check: () => {} },
  ipc: { cmds: [], check: () => {} },
  uts: {
    cmds: ['report hostname'],
    check: (l) => expect(l.find((x) => x.hostname)?.hostname).toBe('ns-uts-box'),
  },
  user: {
    cmds: ['read /proc/self/uid_map', 'read /proc/self/gid_map'],
    check: (l) => {
      const maps = l
        .filter((x) => String(x.path).endsWith('id_map'))
        .map((x) => String(x.content).trim().split(/\s+/));
      expect(maps).toEqual([
        ['0', '100000', '65536'],
        ['0', '100000', '65536'],
      ]);
    },
  },
  cgroup: {
    cmds: ['report cgroup'],
    check: (l) => {
      const groups = l.find((x) => x.cgroup)?.cgroup as { path: string }[];
      expect(new Set(groups.map((g) => g.path))).toEqual(new Set(['/']));
    },
  },
  time: { cmds: [], check: () => {} },
};

describe('namespaces: a new one per type', () => {
  for (const type of Object.keys(LINK) as OciNamespaceType[]) {
    conformance(`${type}: a new namespace is made`, opts(`linux.namespaces.${type}`), async () => {
      const types = BASE.includes(type) ? BASE : [...BASE, type];
      const b = await probeBundleWith(
        {},
        withNamespaces(...types),
        withHostname('ns-uts-box'),
        ...(type === 'user' ? [withUserMappings] : []),
        type === 'pid'
          ? withReport('process', 'namespaces')
          : withSh(...BEHAVIOUR[type].cmds, 'report namespaces'),
      );
      if (type === 'user') await searchableWorkspace();
      const r = await runLines(b);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(nsOf(r.lines)[LINK[type]]).toBeGreaterThan(0);
      expect(nsOf(r.lines)[LINK[type]]).not.toBe(hostNs(LINK[type]));
      BEHAVIOUR[type].check(r.lines);
    });
  }

  conformance('user: uid 0 inside is the mapped host uid outside', opts('linux.user-mappings'), async () => {
    const b = await probeBundleWith({}, withNamespaces(...BASE, 'user'), withUserMappings);
    await searchableWorkspace();
    const pid = await createdPid('userns', b.dir);
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe('100000');
    expect(/^Gid:\s+(\d+)/m.exec(status)?.[1]).toBe('100000');
  });
});

describe('namespaces: inherited when not listed', () => {
  for (const type of ['network', 'ipc', 'uts', 'pid', 'cgroup'] as const) {
    conformance(
      `${type}: absent from the list, the runtime's is kept`,
      opts('linux.namespaces.inherit'),
      async () => {
        const b = await probeBundleWith(
          {},
          withNamespaces(...BASE.filter((t) => t !== type)),
          withSh('report namespaces'),
        );
        if (type === 'uts') await editBundle(b, (c) => void delete c.hostname);
        const r = await runLines(b);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(nsOf(r.lines)[LINK[type]]).toBe(hostNs(LINK[type]));
      },
    );
  }
});

/** A process in new net and uts namespaces, killed after the test; returns its pid. */
async function namespaceHolder(): Promise<number> {
  const child = spawn('unshare', ['--net', '--uts', '--', probePath(), 'sleep', '120'], { stdio: 'ignore' });
  session().cleanup.defer('kill namespace holder', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start unshare');
  const hostNet = await readlink('/proc/self/ns/net');
  await waitFor(async () => (await readlink(`/proc/${pid}/ns/net`).catch(() => hostNet)) !== hostNet, {
    timeoutMs: 10_000,
    describe: 'unshare holder to enter its namespaces',
  });
  return pid;
}

const nsInode = async (pid: number, link: string) =>
  Number(/\[(\d+)\]/.exec(await readlink(`/proc/${pid}/ns/${link}`))?.[1]);

describe('namespaces: joining by path', () => {
  for (const type of ['network', 'uts'] as const) {
    conformance(
      `${type}: path puts the container into that namespace`,
      opts('linux.namespaces.path'),
      async () => {
        const holder = await namespaceHolder();
        const ns: OciNamespace[] = BASE.map((t) =>
          t === type ? { type, path: `/proc/${holder}/ns/${LINK[type]}` } : { type: t },
        );
        const b = await probeBundleWith({}, withNamespaces(...ns), withSh('report namespaces'));
        const r = await runLines(b);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(nsOf(r.lines)[LINK[type]]).toBe(await nsInode(holder, LINK[type]));
      },
    );
  }

  conformance(
    'a path to a namespace of another type is refused',
    opts('linux.namespaces.path-type'),
    async () => {
      const holder = await namespaceHolder();
      const ns: OciNamespace[] = BASE.map((t) =>
        t === 'network' ? { type: t, path: `/proc/${holder}/ns/uts` } : { type: t },
      );
      await expectRefused(await probeBundleWith({}, withNamespaces(...ns)));
    },
  );

  conformance('two entries of one type are refused', opts('linux.namespaces.duplicate'), async () => {
    await expectRefused(await probeBundleWith({}, withNamespaces(...BASE, 'ipc')));
  });
});

describe('identity', () => {
  conformance('hostname is set in the UTS namespace', opts('hostname'), async () => {
    const b = await probeBundleWith({}, withHostname('cfg-host.example'), withSh('report hostname'));
    expect((await runLines(b)).lines[0]).toEqual({ hostname: 'cfg-host.example' });
  });

  conformance('domainname is set in the UTS namespace', opts('domainname'), async () => {
    const b = await probeBundleWith({}, withSh('report domainname'));
    await editBundle(b, (c) => {
      c.domainname = 'cfg.example.test';
    });
    expect((await runLines(b)).lines[0]).toEqual({ domainname: 'cfg.example.test' });
  });
});
