import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '../../core/engines/container-engine/types.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { fixtureDocument } from '../results/fixture.js';
import { toSideBySide } from '../results/side-by-side.js';
import { benchDocumentErrors } from '../results/validate.js';
import type { MemoryHost, MemoryParts } from './engine-run.js';
import { measureEngineMemory } from './engine-run.js';
import { type MemoryReadings, memoryFigures, memoryId, shimsOf } from './figures.js';
import { commFromStat, MiB, type ProcessMemory, ppidFromStat, pssBytesFromRollup } from './proc-memory.js';
import { memoryProfile } from './profile.js';
import { runMemory } from './run-memory.js';

const proc = (pid: number, ppid: number, rssMiB: number, comm = 'shim'): ProcessMemory => ({
  pid,
  ppid,
  comm,
  rssBytes: rssMiB * MiB,
  pssBytes: (rssMiB / 2) * MiB,
});

describe('memory: /proc parsing', () => {
  it('reads the parent pid and comm past a comm with spaces and parens', () => {
    const stat = '123 (my (odd) shim) S 77 123 123 0 -1 4194560 100 0 0 0 250 50';
    expect(ppidFromStat(stat)).toBe(77);
    expect(commFromStat(stat)).toBe('my (odd) shim');
    expect(() => ppidFromStat('1 (x) S')).toThrow(/unreadable/);
  });
  it('reads Pss from smaps_rollup in bytes', () => {
    expect(pssBytesFromRollup('00400000-7ffd [rollup]\nRss:  900 kB\nPss:   412 kB\n')).toBe(412 * 1024);
    expect(() => pssBytesFromRollup('Rss: 1 kB\n')).toThrow(/Pss/);
  });
});

describe('memory: shims', () => {
  it('takes the parent of each main process; the daemon or pid 1 as parent is no shim', () => {
    const containers = [
      { container: 'a', pid: 10 },
      { container: 'b', pid: 11 },
      { container: 'c', pid: 12 },
      { container: 'd', pid: 13 },
    ];
    const parents = new Map([
      [10, 100],
      [11, 100],
      [12, 5],
      [13, 1],
    ]);
    // The daemon and pid 1 are readable processes too: only the rule keeps them out.
    const shims = new Map([
      [100, proc(100, 5, 4)],
      [5, proc(5, 1, 90, 'daemon')],
      [1, proc(1, 0, 10, 'init')],
    ]);
    const { shares, without } = shimsOf(containers, parents, shims, 5);
    expect(shares).toEqual([{ shim: shims.get(100), containers: 2 }]);
    expect(without).toEqual(['c', 'd']);
  });
});

const readings = (over: Partial<MemoryReadings> = {}): MemoryReadings => ({
  engine: 'shipd',
  daemon: { pid: 5, source: 'owner of /x.sock', comm: 'node' },
  containers: 3,
  settleMs: 10,
  intervalMs: 1,
  idleBytes: [50, 52, 51, 50, 51, 50].map((x) => x * MiB),
  loadedBytes: [60, 61, 49, 60, 62, 61].map((x) => x * MiB),
  shims: [
    { shim: proc(100, 5, 2), containers: 1 },
    { shim: proc(101, 5, 3), containers: 2 },
  ],
  withoutShim: [],
  idleMs: 5,
  loadedMs: 5,
  ...over,
});

describe('memory: figures', () => {
  it('gives idle, loaded, growth and per-container shim figures in MiB that validate', () => {
    const figs = memoryFigures(readings());
    expect(figs.map((f) => f.id)).toEqual([
      memoryId.idle,
      'memory/daemon/n3',
      'memory/daemon-growth/n3',
      'memory/shim/n3',
    ]);
    expect(figs.every((f) => f.unit === 'MiB')).toBe(true);
    expect(figs[0]?.summary.median).toBe(50.5);
    // Growth: each loaded reading minus the idle median; the reading below it counts as 0.
    expect(figs[2]?.samples).toEqual([9.5, 10.5, 0, 9.5, 11.5, 10.5]);
    // One sample per container: a shim holding two containers counts half its RSS for each.
    expect(figs[3]?.samples).toEqual([2, 1.5, 1.5]);
    expect(figs[3]).toMatchObject({ shims: { processes: 2, pssMedianMiB: 0.75, withoutShim: 0 } });
    const doc = { ...fixtureDocument([]), benchmarks: figs };
    expect(benchDocumentErrors(JSON.parse(JSON.stringify(doc)))).toEqual([]);
    expect(toSideBySide(doc)).toMatch(/memory\/daemon\/idle \| 50\.5 MiB/);
  });
  it('has no shim figure when no container has a shim of its own', () => {
    const figs = memoryFigures(readings({ shims: [], withoutShim: ['a', 'b', 'c'] }));
    expect(figs.map((f) => f.id)).not.toContain('memory/shim/n3');
  });
  it('profiles: 10 containers quick, 100 full; flags override', () => {
    expect(memoryProfile('quick').containers).toBe(10);
    expect(memoryProfile('full').containers).toBe(100);
    expect(memoryProfile('full', { samples: 7, containers: 3 })).toMatchObject({ samples: 7, containers: 3 });
  });
});

const ENGINE: EngineDescription = {
  name: 'fake',
  family: 'docker-api',
  address: 'unix:///fake.sock',
  source: 'test',
  product: 'fake',
  version: '1',
  capabilities: [],
};

/** A fake engine whose containers get pids 1000+, each the child of a shim 2000+ (or of the daemon). */
function fakeEngine(o: { failStartAt?: number; daemonParent?: boolean } = {}) {
  const live = new Map<string, number>();
  const created: ContainerSpec[] = [];
  const calls: string[] = [];
  let seq = 0;
  const engine: MemoryParts = {
    load: async () => ({ images: ['fake/image:1'], message: '' }),
    removeImage: async (name) => {
      calls.push(`rmi ${name}`);
      return true;
    },
    create: async (spec) => {
      created.push(spec);
      const id = `c${seq++}`;
      live.set(id, 0);
      return id;
    },
    start: async (id) => {
      if (o.failStartAt !== undefined && live.size > o.failStartAt) throw new Error('no more');
      live.set(id, 1000 + Number(id.slice(1)));
    },
    inspect: async (id) => {
      const pid = live.get(id);
      return pid === undefined ? undefined : { status: 'running', pid, exitCode: null, restartCount: 0 };
    },
    remove: async (id) => {
      calls.push(`rm ${id}`);
      live.delete(id);
    },
    list: async () => [...live.keys()],
    close: async () => {
      calls.push('close');
    },
  };
  const reads: number[] = [];
  const host: MemoryHost = {
    daemon: async () => ({ pid: 5, source: 'fake' }),
    sleep: async () => {},
    readMemory: async (pid) => {
      reads.push(pid);
      if (pid === 5) return proc(5, 1, 40 + live.size, 'daemon');
      if (pid >= 2000) return proc(pid, 5, 1.5);
      return proc(pid, o.daemonParent ? 5 : pid + 1000, 0.5, 'probe');
    },
  };
  return { engine, host, live, created, calls, reads };
}

describe('memory: one engine (fakes)', () => {
  const profile = { containers: 3, settleMs: 0, samples: 6, intervalMs: 0 };
  it('reads idle, starts N containers, reads again and the shims, then removes everything', async () => {
    const f = fakeEngine();
    const r = await measureEngineMemory(ENGINE, f.engine, { runId: 'r1', profile }, f.host);
    expect(r.idleBytes).toEqual(Array(6).fill(40 * MiB));
    expect(r.loadedBytes).toEqual(Array(6).fill(43 * MiB));
    expect(r.shims.map((s) => s.shim.pid).sort()).toEqual([2000, 2001, 2002]);
    expect(f.created.every((s) => s.command.join(' ') === '/bin/probe sigwait' && s.network === 'none')).toBe(
      true,
    );
    expect(f.live.size).toBe(0);
    expect(f.calls).toEqual(['rm c0', 'rm c1', 'rm c2', 'rmi fake/image:1', 'close']);
  });
  it('containers that are the daemon`s own children have no shim', async () => {
    const f = fakeEngine({ daemonParent: true });
    const r = await measureEngineMemory(ENGINE, f.engine, { runId: 'r1', profile }, f.host);
    expect(r.shims).toEqual([]);
    expect(r.withoutShim).toHaveLength(3);
  });
  it('removes what it made when a start fails, and says why', async () => {
    const f = fakeEngine({ failStartAt: 1 });
    await expect(measureEngineMemory(ENGINE, f.engine, { runId: 'r1', profile }, f.host)).rejects.toThrow(
      /no more/,
    );
    expect(f.live.size).toBe(0);
    expect(f.calls.at(-1)).toBe('close');
  });
  it('runs container engines only; a runtime CLI is skipped, a failing engine an error', async () => {
    const ok = fakeEngine();
    const bad = fakeEngine({ failStartAt: 0 });
    const runtime: EngineDescription = {
      ...ENGINE,
      name: 'crun',
      family: 'runtime-cli',
      address: '/usr/bin/crun',
    };
    const broken: EngineDescription = { ...ENGINE, name: 'broken' };
    const run = await runMemory([ENGINE, runtime, broken], {
      runId: 'r2',
      profile,
      open: (e) => (e.name === 'broken' ? bad.engine : ok.engine),
      host: ok.host,
    });
    expect(run.results.map((r) => `${r.id} [${r.engine}]`)).toContain('memory/shim/n3 [fake]');
    expect(run.skipped).toEqual([expect.objectContaining({ engine: 'crun' })]);
    expect(run.errors).toEqual([expect.objectContaining({ engine: 'broken', message: 'no more' })]);
  });
});
