import { describe, expect, it } from 'vitest';
import { runGroups } from '../cli-support/run-groups.js';
import { contenderSkip, type HostFacts } from './host.js';
import { planStorage } from './plan.js';
import { layersParam, STORAGE_PROFILES, sizeLabel, storageId, storageProfile } from './profile.js';
import { CONTENDERS, type Contender, type StorageOps } from './types.js';

const host = (o: Partial<HostFacts> & { missing?: string[] } = {}): HostFacts => ({
  root: o.root ?? true,
  has: (cmd) => !(o.missing ?? []).includes(cmd),
  exists: o.exists ?? (() => true),
});
const settings = { profile: 'quick' as const, seed: 1, runId: 't', workDir: '/tmp', samples: 2 };

/** A fake store: counts live containers, usage grows 100 bytes per container. */
function fakeOps(contender: Contender, log: string[], withBaseline = true): StorageOps {
  let n = 0;
  const live = new Set<string>();
  return {
    contender,
    open: async () => void log.push('open'),
    create: async (layers) => {
      const h = `c${n++}-l${layers}`;
      live.add(h);
      return h;
    },
    remove: async (h) => void live.delete(h),
    startWorker: async () => `w${n++}`,
    ...(withBaseline ? { baseline: async () => undefined } : {}),
    append: async (h, bytes) => void log.push(`append ${h} ${bytes}`),
    diffBytes: async () => 4242,
    commit: async (h) => `img-${h}`,
    removeImage: async () => undefined,
    usage: async () => live.size * 100,
    close: async () => void log.push(`close live=${live.size}`),
  };
}

describe('storage ids and profiles', () => {
  it('names figures storage/<contender>/<measure>[/<param>]', () => {
    expect(storageId('docker-vfs', 'create', layersParam(16))).toBe('storage/docker-vfs/create/l16');
    expect(storageId('ref-btrfs', 'copy-up', sizeLabel(64 * 1024 * 1024))).toBe(
      'storage/ref-btrfs/copy-up/64MiB',
    );
    expect(storageId('podman-vfs', 'commit')).toBe('storage/podman-vfs/commit');
    expect(sizeLabel(4096)).toBe('4KiB');
    expect(sizeLabel(1000)).toBe('1000B');
  });
  it('quick shrinks the 64 MiB copy-up and the layer counts; --samples makes counts exact', () => {
    expect(STORAGE_PROFILES.full.layers).toEqual([1, 16, 64]);
    expect(Math.max(...STORAGE_PROFILES.quick.copyUpBytes)).toBe(8 * 1024 * 1024);
    expect(storageProfile({ profile: 'quick', samples: 7 })).toMatchObject({ samples: 7, diskSamples: 7 });
  });
});

describe('contender availability', () => {
  it('skips with the binary and the package to install', () => {
    expect(contenderSkip('docker-fuse-overlayfs', host({ missing: ['fuse-overlayfs'] }))).toMatch(
      /`fuse-overlayfs` binary \(Debian package fuse-overlayfs\)/,
    );
    expect(contenderSkip('docker-btrfs', host({ missing: ['mkfs.btrfs'] }))).toMatch(/btrfs-progs/);
    expect(contenderSkip('docker-fuse-overlayfs', host({ exists: () => false }))).toMatch(/\/dev\/fuse/);
    expect(contenderSkip('docker-overlay2', host())).toBeUndefined();
  });
  it('without root only ref-vfs runs', () => {
    const ok = CONTENDERS.filter((c) => contenderSkip(c, host({ root: false })) === undefined);
    expect(ok).toEqual(['ref-vfs']);
  });
});

describe('planStorage', () => {
  it('plans a group per runnable contender and a skip line for the rest', () => {
    const plan = planStorage(settings, {
      host: host({ missing: ['podman'] }),
      makeOps: (c) => fakeOps(c, []),
    });
    expect(plan.groups.map((g) => g.engine)).toEqual(CONTENDERS.filter((c) => !c.startsWith('podman')));
    expect(plan.skipped.map((s) => s.benchmark)).toEqual(['storage/podman-overlay', 'storage/podman-vfs']);
  });

  it('runs every measure, copy-up on fresh workers, and leaves no container behind', async () => {
    const log: string[] = [];
    const plan = planStorage(
      { ...settings, contenders: ['docker-overlay2'] },
      { host: host(), makeOps: (c) => fakeOps(c, log) },
    );
    const run = await runGroups(plan.groups);
    expect(run.errors).toEqual([]);
    expect(run.results.map((r) => r.id)).toEqual([
      'storage/docker-overlay2/create/l1',
      'storage/docker-overlay2/create/l16',
      'storage/docker-overlay2/copy-up/4KiB',
      'storage/docker-overlay2/copy-up/1MiB',
      'storage/docker-overlay2/copy-up/8MiB',
      'storage/docker-overlay2/commit',
      'storage/docker-overlay2/disk-usage/n10',
      'storage/docker-overlay2/remove',
    ]);
    // warm-up 1 + 2 samples: workers w0..w2 each get every size exactly once.
    const appends = log.filter((l) => l.startsWith('append'));
    expect(new Set(appends).size).toBe(appends.length);
    expect(appends).toHaveLength(9);
    const byId = new Map(run.results.map((r) => [r.id, r as unknown as Record<string, unknown>]));
    expect(byId.get('storage/docker-overlay2/disk-usage/n10')?.disk).toEqual({ containers: 10, bytes: 1000 });
    expect(byId.get('storage/docker-overlay2/commit')?.diffBytes).toBe(4242);
    const cu = byId.get('storage/docker-overlay2/copy-up/4KiB') as { phases: { name: string }[] };
    expect(cu.phases.map((x) => x.name).sort()).toEqual(['append', 'empty-exec']);
    expect(log.at(-1)).toBe('close live=0');
  });

  it('reports copy-up without a baseline for in-process drivers', async () => {
    const plan = planStorage(
      { ...settings, contenders: ['ref-vfs'] },
      { host: host(), makeOps: (c) => fakeOps(c, [], false) },
    );
    const run = await runGroups(plan.groups);
    const cu = run.results.find((r) => r.id === 'storage/ref-vfs/copy-up/1MiB') as unknown as {
      copyUp: { baselineMedianMs: number | null };
      phases: { name: string }[];
    };
    expect(cu.copyUp.baselineMedianMs).toBeNull();
    expect(cu.phases.map((x) => x.name)).toEqual(['append']);
  });
});
