import { existsSync } from 'node:fs';
import { readdir, readFile, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { withArgs, withCgroupsPath, withResources } from '../../core/engines/runtime-cli/bundle.js';
import type { OciResources } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import { configOpts, createdPid, runLines, withSh } from './config-helpers.js';
import { probeBundleWith, session, uniqueId, useRuntime } from './support/index.js';

useRuntime();

const CG = '/sys/fs/cgroup';
const isV2 = existsSync(join(CG, 'cgroup.controllers'));
const isV1 = existsSync(join(CG, 'memory', 'memory.limit_in_bytes'));
const opts = (...ids: string[]) => configOpts('cgroups', ...ids);

/** A single-level cgroupsPath unique to this test; every hierarchy's copy is removed after the test. */
async function cgroupPath(): Promise<string> {
  const path = `/${uniqueId('cg')}`;
  const roots = isV2 ? [CG] : (await readdir(CG)).map((d) => join(CG, d));
  session().cleanup.defer(`remove cgroup ${path}`, async () => {
    for (const root of roots) await rmdir(join(root, path)).catch(() => {});
  });
  return path;
}

/** Creates a container (process waiting to start) limited by `resources` in a fresh cgroupsPath; returns the path. */
async function createdWithin(resources: OciResources): Promise<string> {
  const path = await cgroupPath();
  const b = await probeBundleWith(
    {},
    withCgroupsPath(path),
    withResources(resources),
    withArgs('/bin/probe', 'exit', '0'),
  );
  await createdPid('cgc', b.dir);
  return path;
}

const readTrim = async (file: string) => (await readFile(file, 'utf8')).trim();

describe('cgroupsPath', () => {
  conformance(
    'an absolute cgroupsPath is where the container lands',
    opts('linux.cgroups-path'),
    async () => {
      const path = await cgroupPath();
      const b = await probeBundleWith({}, withCgroupsPath(path), withSh('report cgroup'));
      const groups = (await runLines(b)).lines[0]?.cgroup as { controllers: string; path: string }[];
      const mine = groups.filter((g) => (isV2 ? g.controllers === '' : g.controllers !== ''));
      expect(mine.length).toBeGreaterThan(0);
      for (const g of mine)
        expect({ controllers: g.controllers, path: g.path }).toEqual({ controllers: g.controllers, path });
    },
  );

  conformance(
    'the created process is in the cgroup below the mount point',
    opts('linux.cgroups-path'),
    async () => {
      const path = await cgroupPath();
      const b = await probeBundleWith({}, withCgroupsPath(path), withArgs('/bin/probe', 'exit', '0'));
      const pid = await createdPid('cgc', b.dir);
      const procs = isV2 ? join(CG, path, 'cgroup.procs') : join(CG, 'pids', path, 'cgroup.procs');
      expect((await readTrim(procs)).split('\n')).toContain(String(pid));
    },
  );
});

interface Limit {
  readonly name: string;
  readonly req: string;
  readonly resources: OciResources;
  /** v1 controller and file, v2 file, and the value each shows */
  readonly v1: [string, string, string];
  readonly v2: [string, string];
}

const LIMITS: readonly Limit[] = [
  {
    name: 'memory.limit',
    req: 'linux.resources.memory',
    resources: { memory: { limit: 64 * 1024 * 1024 } },
    v1: ['memory', 'memory.limit_in_bytes', String(64 * 1024 * 1024)],
    v2: ['memory.max', String(64 * 1024 * 1024)],
  },
  {
    name: 'pids.limit',
    req: 'linux.resources.pids',
    resources: { pids: { limit: 77 } },
    v1: ['pids', 'pids.max', '77'],
    v2: ['pids.max', '77'],
  },
  {
    name: 'cpu.shares',
    req: 'linux.resources.cpu',
    resources: { cpu: { shares: 512 } },
    v1: ['cpu', 'cpu.shares', '512'],
    // runc and crun convert shares to cpu.weight: 1 + ((shares - 2) * 9999) / 262142
    v2: ['cpu.weight', String(1 + Math.floor(((512 - 2) * 9999) / 262142))],
  },
];

describe('resources (cgroup v1)', () => {
  for (const l of LIMITS) {
    const [ctrl, file, value] = l.v1;
    conformance(`${l.name}: ${file} inside the container`, opts(l.req), async (ctx) => {
      if (!isV1) ctx.skip('the host has no cgroup v1 hierarchy');
      const path = await cgroupPath();
      const inside = `/sys/fs/cgroup/${ctrl}/${file}`;
      const b = await probeBundleWith(
        {},
        withCgroupsPath(path),
        withResources(l.resources),
        withSh(`read ${inside}`),
      );
      expect((await runLines(b)).lines[0]).toMatchObject({ path: inside, content: `${value}\n` });
    });

    conformance(
      `${l.name}: ${file} of the container's host cgroup`,
      opts(l.req, 'linux.cgroups-path'),
      async (ctx) => {
        if (!isV1) ctx.skip('the host has no cgroup v1 hierarchy');
        const path = await createdWithin(l.resources);
        expect(await readTrim(join(CG, ctrl, path, file))).toBe(value);
      },
    );
  }
});

describe('resources (cgroup v2)', () => {
  for (const l of LIMITS) {
    const [file, value] = l.v2;
    conformance(
      `${l.name}: ${file} of the container's host cgroup`,
      opts(l.req, 'linux.cgroups-path'),
      async (ctx) => {
        if (!isV2)
          ctx.skip(
            'the host is not on the cgroup v2 unified hierarchy (v1/hybrid here): nothing honest to check',
          );
        const path = await createdWithin(l.resources);
        expect(await readTrim(join(CG, path, file))).toBe(value);
      },
    );
  }
});
