import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect } from 'vitest';
import {
  withArgs,
  withCapabilities,
  withMount,
  withNamespaces,
} from '../../core/engines/runtime-cli/bundle.js';
import type { OciNamespaceType } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import {
  cli,
  FEATURES_SCHEMA,
  HOOK_KINDS,
  nsOf,
  probeBundle,
  rawRuntime,
  runProbe,
  runWithAllHooks,
  schemaProblems,
  trackContainer,
  uniqueId,
  useRuntime,
} from './support/index.js';
import { compareVersions } from './support/version.js';

useRuntime();
const tags = ['oci-runtime', 'features'];
const needs = ['runtime.features'] as const;

interface Features {
  ociVersionMin: string;
  ociVersionMax: string;
  hooks?: string[] | null;
  mountOptions?: string[] | null;
  annotations?: Record<string, unknown> | null;
  linux?: {
    namespaces?: string[] | null;
    capabilities?: string[] | null;
    seccomp?: { enabled?: boolean | null; actions?: string[] | null; archs?: string[] | null } | null;
  } | null;
  [key: string]: unknown;
}

let doc: Features | undefined;
let rawText = '';
beforeAll(async () => {
  const r = await rawRuntime(['features']);
  rawText = r.stdout;
  if (r.exitCode === 0) doc = JSON.parse(r.stdout) as Features;
});
const features = (): Features => {
  if (!doc) throw new Error(`features failed: ${rawText.slice(0, 200)}`);
  return doc;
};

/** Our own bounding set: a runtime cannot grant a capability its caller lacks. */
const hostBounding = BigInt(
  `0x${/^CapBnd:\s+([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0'}`,
);
const hostHas = (cap: string): boolean => {
  const n = capNumber(cap);
  return n !== Number.MAX_SAFE_INTEGER && ((hostBounding >> BigInt(n)) & 1n) === 1n;
};

describe('features document', () => {
  conformance(
    'satisfies the features schema',
    { tags, needs, requirements: ['runtime:features.versions'] },
    () => {
      expect(schemaProblems(FEATURES_SCHEMA, features())).toEqual([]);
    },
  );

  conformance(
    'has only properties the spec defines',
    { tags, needs, requirements: ['runtime:features.known-fields'] },
    () => {
      const top = [
        'ociVersionMin',
        'ociVersionMax',
        'hooks',
        'mountOptions',
        'linux',
        'annotations',
        'potentiallyUnsafeConfigAnnotations',
      ];
      expect(Object.keys(features()).filter((k) => !top.includes(k))).toEqual([]);
    },
  );

  conformance(
    'names a maximum version not below the minimum',
    { tags, needs, requirements: ['runtime:features.max-ge-min'] },
    () => {
      const f = features();
      expect(compareVersions(f.ociVersionMax, f.ociVersionMin)).toBeGreaterThanOrEqual(0);
    },
  );

  conformance(
    'lists only hook kinds the spec defines',
    { tags, needs, requirements: ['runtime:features.hooks'] },
    () => {
      for (const h of features().hooks ?? []) expect(HOOK_KINDS as readonly string[]).toContain(h);
    },
  );

  conformance(
    'has annotations that map strings to strings',
    { tags, needs, requirements: ['runtime:features.annotations'] },
    () => {
      for (const [k, v] of Object.entries(features().annotations ?? {})) {
        expect(typeof k).toBe('string');
        expect(typeof v, k).toBe('string');
      }
    },
  );

  conformance(
    'is the same on every call',
    { tags, needs, requirements: ['runtime:features.static'] },
    async () => {
      const again = await rawRuntime(['features']);
      expect(JSON.parse(again.stdout)).toEqual(features());
    },
  );
});

describe('features promises', () => {
  for (const which of ['ociVersionMin', 'ociVersionMax'] as const) {
    conformance(
      `a config whose ociVersion is ${which} runs`,
      {
        tags,
        needs,
        requirements: [
          which === 'ociVersionMin' ? 'runtime:features.min-accepted' : 'runtime:features.max-accepted',
        ],
      },
      async () => {
        const version = features()[which];
        const b = await probeBundle(withArgs('/bin/probe', 'report', 'hostname'), (c) => {
          c.ociVersion = version;
        });
        expect((await runProbe<{ hostname: string }>(b)).hostname).toBe('shipshape');
      },
    );
  }

  conformance(
    'every listed hook kind runs',
    { tags, needs, requirements: ['runtime:features.hooks'] },
    async () => {
      const listed = (features().hooks ?? []).filter((h) => (HOOK_KINDS as readonly string[]).includes(h));
      const run = await runWithAllHooks(listed as (typeof HOOK_KINDS)[number][]);
      expect(run.failure).toBeUndefined();
      expect([...new Set(run.records.map((r) => r.name))].sort()).toEqual([...listed].sort());
    },
  );

  conformance(
    'every listed namespace type (but user and time) can be unshared',
    { tags, needs, requirements: ['runtime:features.linux-namespaces'] },
    async () => {
      const proc: Record<string, string> = {
        network: 'net',
        mount: 'mnt',
        pid: 'pid',
        ipc: 'ipc',
        uts: 'uts',
        cgroup: 'cgroup',
      };
      const listed = (features().linux?.namespaces ?? []).filter((n) => n in proc);
      const b = await probeBundle(
        withArgs('/bin/probe', 'report', 'namespaces'),
        withNamespaces(...(listed as OciNamespaceType[])),
      );
      const r = await runProbe<{ namespaces: Record<string, number> }>(b);
      for (const n of listed) {
        const short = proc[n] ?? n;
        expect(`${short}:[${r.namespaces[short]}]`, n).not.toBe(nsOf('self', short));
      }
    },
  );

  conformance(
    'every listed capability that we hold can be granted',
    { tags, needs, requirements: ['runtime:features.linux-capabilities'] },
    async () => {
      const known = (features().linux?.capabilities ?? []).filter(hostHas);
      const b = await probeBundle(
        withArgs('/bin/probe', 'report', 'capabilities'),
        withCapabilities({ bounding: known, permitted: known, effective: known }),
      );
      const r = await runProbe<{ capabilities: { bounding: { names: string[] } } }>(b);
      expect([...r.capabilities.bounding.names].sort()).toEqual([...known].sort());
    },
  );

  conformance(
    'listed generic mount options take effect on a tmpfs',
    { tags, needs, requirements: ['runtime:features.mount-options'] },
    async () => {
      const checkable = ['ro', 'nosuid', 'nodev', 'noexec', 'noatime'];
      const options = checkable.filter((o) => (features().mountOptions ?? []).includes(o));
      const mounts = options.map((o) =>
        withMount({ destination: `/opt-${o}`, type: 'tmpfs', source: 'tmpfs', options: [o] }),
      );
      const b = await probeBundle(withArgs('/bin/probe', 'report', 'mounts'), ...mounts);
      const r = await runProbe<{ mounts: { mount_point: string; options: string }[] }>(b);
      for (const o of options) {
        const m = r.mounts.find((x) => x.mount_point === `/opt-${o}`);
        expect(m?.options.split(','), o).toContain(o);
      }
    },
  );

  conformance(
    'a listed seccomp action filters a syscall for the native architecture',
    {
      tags,
      needs: [...needs, 'runtime.seccomp'],
      requirements: ['runtime:features.linux-seccomp'],
    },
    async () => {
      const sc = features().linux?.seccomp;
      expect(sc?.actions ?? []).toEqual(expect.arrayContaining(['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO']));
      const arch = process.arch === 'arm64' ? 'SCMP_ARCH_AARCH64' : 'SCMP_ARCH_X86_64';
      expect(sc?.archs ?? []).toContain(arch);
      const b = await probeBundle(withArgs('/bin/probe', 'mkdir', '/tmp/blocked'), (c) => {
        (c.linux as Record<string, unknown>).seccomp = {
          defaultAction: 'SCMP_ACT_ALLOW',
          architectures: [arch],
          syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
        };
      });
      const id = trackContainer(uniqueId('seccomp'));
      const r = await cli().run(id, b.dir, { stderr: 'pipe' });
      expect(r.exitCode).toBe(1);
      expect(JSON.parse(r.stdout.trim()).error).toBe('EPERM');
    },
  );
});

const CAP_ORDER = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];
/** The kernel's number for a capability name (unknown names sort last). */
const capNumber = (name: string): number => {
  const i = CAP_ORDER.indexOf(name);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
};
