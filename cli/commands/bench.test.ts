import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BenchPlan,
  type BenchRunSettings,
  estimatePlan,
  planBench,
  plannedIds,
} from '../../bench/cli-support/run-bench.js';
import { fixtureDocument } from '../../bench/results/fixture.js';
import { toBenchJson } from '../../bench/results/json.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { runCli } from '../cli.js';
import type { BenchArgs, BenchDeps, BenchIo } from './bench.js';
import { findBenchEngines, parseGate, settingsOf } from './bench.js';

const DOCKER: EngineDescription = {
  name: 'docker',
  family: 'docker-api',
  address: 'unix:///fake.sock',
  source: 'test',
  product: 'Docker',
  version: '20.10.24',
  capabilities: [],
};
const BASE = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39];
const docOf = (start: readonly number[]) =>
  fixtureDocument([
    {
      id: 'startup/lifecycle/c1',
      engine: 'docker',
      samples: BASE.map((x) => x * 10),
      phases: { create: BASE, start },
    },
  ]);

function harness(current: readonly number[]) {
  let out = '';
  let err = '';
  const runs: BenchRunSettings[] = [];
  const deps: Partial<BenchDeps> = {
    findEngines: async () => [DOCKER],
    run: async (_e, s) => {
      runs.push(s);
      return { document: docOf(current), skipped: ['startup on registry: runs no containers'] };
    },
  };
  const io: BenchIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    root: '/work/main',
    bench: deps,
  };
  return { io, runs, out: () => out, err: () => err };
}

describe('shipshape bench', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-benchcmd-'));
    await writeFile(join(dir, 'base.json'), toBenchJson(docOf(BASE)));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('parses --gate as a percentage', () => {
    expect(parseGate('10%')).toBeCloseTo(0.1);
    expect(parseGate('2.5')).toBeCloseTo(0.025);
    expect(() => parseGate('ten')).toThrow(/percentage/);
  });

  it('writes the three outputs and exits 0 without a baseline', async () => {
    const h = harness(BASE);
    const code = await runCli(
      ['bench', '--quick', '--suite', 'startup', '--samples', '8', '--out', dir],
      h.io,
    );
    expect(code).toBe(0);
    expect(h.runs[0]).toMatchObject({
      suites: ['startup'],
      profile: 'quick',
      samples: 8,
      concurrency: [1, 4, 16],
    });
    const json = JSON.parse(await readFile(join(dir, 'bench.json'), 'utf8'));
    expect(json.schema).toBe('shipshape.bench/v1');
    expect(await readFile(join(dir, 'bench.md'), 'utf8')).toMatch(/Side by side[\s\S]*runs no containers/);
    const gab = JSON.parse(await readFile(join(dir, 'github-action-benchmark.json'), 'utf8'));
    expect(gab[0]).toMatchObject({ name: 'startup/lifecycle/c1 [docker]', unit: 'ms' });
  });

  it('exits 1 naming the figure when it regressed beyond the gate', async () => {
    const h = harness(BASE.map((x) => x * 1.5));
    const code = await runCli(['bench', '--out', dir, '--baseline', join(dir, 'base.json')], h.io);
    expect(code).toBe(1);
    expect(h.out()).toMatch(/REGRESSION startup\/lifecycle\/c1 > start \[docker\]: .*\+50\.0%/);
  });

  it('exits 0 when the slowdown is within --gate', async () => {
    const h = harness(BASE.map((x) => x * 1.5));
    const code = await runCli(
      ['bench', '--out', dir, '--baseline', join(dir, 'base.json'), '--gate', '60%'],
      h.io,
    );
    expect(code).toBe(0);
  });

  it.each([
    [['--suite', 'nope'], /--suite nope/],
    [['--samples', '1'], /--samples 1/],
    [['--concurrency', '0'], /--concurrency 0/],
    [['--gate', 'x'], /--gate x/],
    [['--network', 'host'], /--network host/],
    [['--baseline', '/does/not/exist.json'], /cannot read/],
  ])('rejects %j before running anything (exit 2)', async (extra, message) => {
    const h = harness(BASE);
    const code = await runCli(['bench', '--out', dir, ...extra], h.io);
    expect(code).toBe(2);
    expect(h.err()).toMatch(message);
    expect(h.runs).toEqual([]);
  });
});

describe('shipshape bench --ab (A/B in one interleaved run)', () => {
  const DOCKER2: EngineDescription = { ...DOCKER, name: 'docker-2', address: 'unix:///fake-2.sock' };
  const rounds = BASE.map((_, i) => i);
  const abDoc = (slower: number) =>
    fixtureDocument([
      {
        id: 'startup/lifecycle/c1',
        engine: 'docker',
        samples: BASE,
        phases: { create: BASE, start: BASE },
        rounds,
      },
      {
        id: 'startup/lifecycle/c1',
        engine: 'docker-2',
        samples: BASE.map((x, i) => x * slower + (i % 3) * 0.1),
        phases: { create: BASE, start: BASE.map((x, i) => x * slower + (i % 2) * 0.1) },
        rounds,
      },
    ]);
  const ab = (slower: number) => {
    const h = harness(BASE);
    const deps = h.io.bench as Partial<BenchDeps>;
    const runs: BenchRunSettings[] = [];
    deps.findEngines = async () => [DOCKER, DOCKER2];
    deps.run = async (_e, s) => {
      runs.push(s);
      return { document: abDoc(slower), skipped: [] };
    };
    return { ...h, runs };
  };
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-benchab-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('interleaves and exits 1 when CURRENT is slower beyond the gate, naming the figure', async () => {
    const h = ab(1.5);
    const code = await runCli(['bench', '--suite', 'startup', '--ab', 'docker,docker-2', '--out', dir], h.io);
    expect(code).toBe(1);
    expect(h.runs[0]?.interleave).toBe(true);
    expect(h.out()).toMatch(/A\/B in one interleaved run: docker-2 against docker/);
    expect(h.out()).toMatch(/REGRESSION startup\/lifecycle\/c1 > start \[docker-2\]/);
    expect(await readFile(join(dir, 'bench.md'), 'utf8')).toMatch(/paired round by round/);
  });

  it('exits 0 when the two engines are alike', async () => {
    const h = ab(1);
    expect(await runCli(['bench', '--suite', 'startup', '--ab', 'docker,docker-2', '--out', dir], h.io)).toBe(
      0,
    );
    expect(h.out()).toMatch(/0 regression\(s\)/);
  });

  it.each([
    [['--ab', 'docker'], /BASELINE,CURRENT/],
    [['--ab', 'docker,docker'], /two different/],
    [['--ab', 'docker,podman'], /no engine named podman; found docker, docker-2/],
    [['--ab', 'docker,docker-2', '--baseline', 'x.json'], /use one/],
    [['--ab', 'docker,docker-2', '--suite', 'extraction'], /--suite startup/],
  ])('rejects %j (exit 2)', async (extra, message) => {
    const h = ab(1);
    expect(await runCli(['bench', '--out', dir, ...extra], h.io)).toBe(2);
    expect(h.err()).toMatch(message);
    expect(h.runs).toEqual([]);
  });
});

describe('shipshape bench --baseline FILE --relative-to ENGINE', () => {
  const CRUN: EngineDescription = {
    ...DOCKER,
    name: 'crun',
    family: 'runtime-cli',
    address: '/usr/bin/crun',
  };
  const rounds = BASE.map((_, i) => i);
  /** Both engines interleaved; `host` scales the whole run, `slower` only docker. */
  const relDoc = (host: number, slower: number) =>
    fixtureDocument([
      { id: 'startup/lifecycle/c1', engine: 'crun', samples: BASE.map((x) => x * host), rounds },
      {
        id: 'startup/lifecycle/c1',
        engine: 'docker',
        samples: BASE.map((x, i) => x * 3 * host * slower + (i % 3) * 0.1),
        rounds,
      },
    ]);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-benchrel-'));
    await writeFile(join(dir, 'base.json'), toBenchJson(relDoc(1, 1)));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const rel = (host: number, slower: number) => {
    const h = harness(BASE);
    const deps = h.io.bench as Partial<BenchDeps>;
    const runs: BenchRunSettings[] = [];
    deps.findEngines = async () => [CRUN, DOCKER];
    deps.run = async (_e, s) => {
      runs.push(s);
      return { document: relDoc(host, slower), skipped: [] };
    };
    return { ...h, runs };
  };
  const args = (d: string) => ['bench', '--suite', 'startup', '--baseline', join(d, 'base.json'), '--out', d];

  it('ignores a host twice as slow (both engines), interleaving the run', async () => {
    const h = rel(2, 1);
    expect(await runCli([...args(dir), '--relative-to', 'crun'], h.io)).toBe(0);
    expect(h.runs[0]?.interleave).toBe(true);
    expect(h.out()).toMatch(/^Relative to crun: /m);
    const plain = rel(2, 1);
    expect(await runCli(args(dir), plain.io)).toBe(1); // the raw gate calls that a regression
  });

  it('exits 1 when the engine got slower relative to the reference', async () => {
    const h = rel(0.8, 1.5);
    expect(await runCli([...args(dir), '--relative-to', 'crun'], h.io)).toBe(1);
    expect(h.out()).toMatch(
      /REGRESSION startup\/lifecycle\/c1 \[docker\].*relative to crun: x3\.\d+ -> x4\.\d+/,
    );
  });

  it.each([
    [['--relative-to', 'crun'], /needs --baseline/],
    [['--relative-to', 'runc', '--baseline', 'B'], /no engine named runc; found crun, docker/],
  ])('rejects %j (exit 2)', async (extra, message) => {
    const h = rel(1, 1);
    const withBase = extra.map((x) => (x === 'B' ? join(dir, 'base.json') : x));
    expect(await runCli(['bench', '--suite', 'startup', '--out', dir, ...withBase], h.io)).toBe(2);
    expect(h.err()).toMatch(message);
  });
});

describe('shipshape bench --engine shipd (the embedded daemon)', () => {
  const SHIPD: EngineDescription = {
    ...DOCKER,
    name: 'shipd',
    address: 'unix:///tmp/x/shipd.sock',
    product: 'shipd',
  };
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-benchshipd-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const withShipd = () => {
    const h = harness(BASE);
    const deps = h.io.bench as Partial<BenchDeps>;
    const seen: string[][] = [];
    const events: string[] = [];
    deps.findEngines = async (a) => {
      events.push(`find ${a.engine.join(',')}`);
      return [DOCKER];
    };
    deps.openShipd = async () => {
      events.push('start shipd');
      return { engines: [SHIPD], close: async () => void events.push('stop shipd') };
    };
    deps.run = async (e) => {
      seen.push(e.map((x) => x.name));
      events.push('run');
      return {
        document: fixtureDocument([
          { id: 'startup/lifecycle/c1', engine: 'shipd', samples: BASE, rounds: BASE.map((_, i) => i) },
          {
            id: 'startup/lifecycle/c1',
            engine: 'docker',
            samples: BASE.map((x) => x * 8),
            rounds: BASE.map((_, i) => i),
          },
        ]),
        skipped: [],
      };
    };
    return { ...h, seen, events };
  };

  it('starts it for the run, first among the engines, prints ratios with CIs, and stops it', async () => {
    const h = withShipd();
    const code = await runCli(
      [
        'bench',
        '--suite',
        'startup',
        '--engine',
        'shipd',
        '--engine',
        'docker',
        '--interleave',
        '--out',
        dir,
      ],
      h.io,
    );
    expect(code).toBe(0);
    expect(h.seen).toEqual([['shipd', 'docker']]);
    expect(h.events).toEqual(['find shipd,docker', 'start shipd', 'run', 'stop shipd']);
    expect(h.out()).toMatch(
      /startup\/lifecycle\/c1 \| docker \/ shipd \| 8x \| 8x – 8x \| paired, 10 rounds/,
    );
    expect(await readFile(join(dir, 'bench.md'), 'utf8')).toMatch(/## Ratios to shipd/);
  });

  it('stops it also when the run fails', async () => {
    const h = withShipd();
    (h.io.bench as Partial<BenchDeps>).run = async () => {
      throw new Error('boom');
    };
    expect(await runCli(['bench', '--suite', 'startup', '--engine', 'shipd', '--out', dir], h.io)).not.toBe(
      0,
    );
    expect(h.events.at(-1)).toBe('stop shipd');
  });

  it('alone, asks discovery for nothing else', async () => {
    const io = { ...withShipd().io, env: { PATH: '' } };
    const args = { engine: ['shipd'], runtime: [], registry: [] } as unknown as BenchArgs;
    expect(await findBenchEngines(args, io)).toEqual([]);
  });

  it('rejects --containers outside 1..1000 (exit 2)', async () => {
    const h = withShipd();
    expect(await runCli(['bench', '--containers', '0', '--out', dir], h.io)).toBe(2);
    expect(h.err()).toMatch(/--containers 0/);
    expect(h.events).toEqual([]);
  });
});

describe('shipshape bench --only, --list, profiles and the run-time estimate', () => {
  const RUNC: EngineDescription = {
    name: 'runc',
    family: 'runtime-cli',
    address: '/usr/bin/runc',
    source: 'test',
    product: 'runc',
    version: '1.1',
    capabilities: [],
  };
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-benchonly-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A harness whose fake run records what it was asked and what stderr said before it ran. */
  function recording() {
    const h = harness(BASE);
    const seen: { s: BenchRunSettings; errBefore: string; plan: BenchPlan }[] = [];
    const bench: Partial<BenchDeps> = {
      findEngines: async () => [DOCKER, RUNC],
      run: async (_e, s, _io, plan) => {
        seen.push({ s, errBefore: h.err(), plan });
        return { document: docOf(BASE), skipped: [] };
      },
    };
    return { ...h, io: { ...h.io, bench }, seen };
  }

  it('passes --only patterns (repeatable, comma lists) to the run and keeps only matching ids', async () => {
    const h = recording();
    const args = ['--only', 'startup/lifecycle/c1,extract/large-files/*', '--only', 'memory/daemon/idle'];
    expect(await runCli(['bench', '--out', dir, ...args], h.io)).toBe(0);
    const { s, plan } = h.seen[0] as (typeof h.seen)[number];
    expect(s.only).toEqual(['startup/lifecycle/c1', 'extract/large-files/*', 'memory/daemon/idle']);
    const kept = plannedIds(plan).filter((p) => plan.selection.matches(p.id));
    expect([...new Set(kept.map((p) => p.id))]).toEqual([
      'memory/daemon/idle',
      'startup/lifecycle/c1',
      'extract/large-files/none/parse',
      'extract/large-files/none/apply/tmpfs',
      'extract/large-files/gzip-6/decompress',
      'extract/large-files/gzip-6/parse',
      'extract/large-files/gzip-6/apply/tmpfs',
      'extract/large-files/zstd/decompress',
      'extract/large-files/zstd/parse',
      'extract/large-files/zstd/apply/tmpfs',
    ]); // no load figure: this docker lacks images.load
    expect(h.err()).toMatch(/this run takes (about [\d.]+ min|under a minute): 10 figures x 4 engines/);
  });

  it('a pattern that selects nothing is a usage error naming close ids, as conform --tag is', async () => {
    const h = recording();
    expect(await runCli(['bench', '--out', dir, '--only', 'extract/large-file/*'], h.io)).toBe(2);
    expect(h.err()).toMatch(
      /--only extract\/large-file\/\* selected no benchmark on docker, runc\. did you mean --only extract\/large-files\/\* \| extract\/small-files\/\*\?.*`shipshape bench --list` shows every benchmark id/,
    );
    expect(h.seen).toEqual([]);
    const c3 = recording();
    expect(await runCli(['bench', '--out', dir, '--only', 'startup/lifecycle/c3'], c3.io)).toBe(2);
    expect(c3.err()).toMatch(
      /did you mean --only startup\/lifecycle\/c1 \| startup\/lifecycle\/c4 \| startup\/lifecycle\/c16\?/,
    );
  });

  it('--list prints each id with its engines and the estimate, and runs nothing', async () => {
    const h = recording();
    expect(await runCli(['bench', '--list', '--suite', 'startup', '--out', dir], h.io)).toBe(0);
    expect(h.seen).toEqual([]);
    expect(h.out().split('\n').filter(Boolean)).toEqual([
      'startup/lifecycle/c1  [docker, runc]',
      'startup/lifecycle/c4  [docker, runc]',
      'startup/lifecycle/c16  [docker, runc]',
      'startup/run/c1  [runc]',
      'startup/run/c4  [runc]',
      'startup/run/c16  [runc]',
    ]);
    expect(h.err()).toMatch(/6 benchmarks \(standard\); a run takes .*6 figures x 2 engines/);
    const only = recording();
    await runCli(['bench', '--list', '--only', 'startup/*/c4', '--suite', 'startup', '--out', dir], only.io);
    expect(only.out()).toBe('startup/lifecycle/c4  [docker, runc]\nstartup/run/c4  [runc]\n');
  });

  it('defaults to the standard profile; --quick, --full and --profile choose, and must agree', async () => {
    const profileOf = async (...extra: string[]) => {
      const h = recording();
      const code = await runCli(['bench', '--out', dir, ...extra], h.io);
      return code === 0 ? h.seen[0]?.s.profile : `exit ${code}: ${h.err()}`;
    };
    expect(await profileOf()).toBe('standard');
    expect(await profileOf('--quick')).toBe('quick');
    expect(await profileOf('--full')).toBe('full');
    expect(await profileOf('--profile', 'full', '--full')).toBe('full');
    expect(await profileOf('--quick', '--full')).toMatch(/exit 2: .*disagree \(quick vs full\)/);
    expect(await profileOf('--profile', 'huge')).toMatch(
      /exit 2: .*--profile huge: choose from quick, standard, full/,
    );
  });

  it('says up front how long the run takes, before it starts', async () => {
    const h = recording();
    await runCli(['bench', '--full', '--out', dir], h.io);
    const before = h.seen[0]?.errBefore ?? '';
    expect(before).toMatch(/this run takes about \d+ min: \d+ figures x \d+ engines \(most: extraction/);
    expect(before).toMatch(/use --quick or --only to cut it/);
  });
});

describe('the default profile fits 15 minutes here; the full one does not', () => {
  const engine = (name: string, family: EngineDescription['family'], product = name): EngineDescription => ({
    name,
    family,
    address: family === 'runtime-cli' ? `/fake/${name}` : `unix:///fake/${name}.sock`,
    source: 'test',
    product,
    version: '1',
    capabilities: family === 'runtime-cli' ? ['containers'] : ['containers', 'images.load', 'networks'],
  });
  // What `shipshape engines` detects on the development host, plus the reference engine and runtime.
  const HOST = [
    engine('shipd', 'docker-api', 'shipd'),
    engine('docker', 'docker-api', 'Docker'),
    engine('podman', 'docker-api', 'Podman'),
    engine('containerd', 'containerd'),
    engine('runc', 'runtime-cli'),
    engine('crun', 'runtime-cli'),
    engine('shiprun', 'runtime-cli'),
  ];
  const minutes = (profile: 'quick' | 'standard' | 'full') => {
    const s = settingsOf({ ...defaults(), profile } as BenchArgs, '/tmp');
    return estimatePlan(planBench(HOST, s)).ms / 60_000;
  };
  it('estimates the default (standard) under 15 min and the full profile over an hour', () => {
    expect(minutes('standard')).toBeLessThan(15);
    expect(minutes('quick')).toBeLessThan(minutes('standard'));
    expect(minutes('full')).toBeGreaterThan(60);
  });
});

/** The parsed defaults of `shipshape bench` with no flags (what yargs fills in). */
function defaults(): Partial<BenchArgs> {
  return {
    suite: [],
    quick: false,
    full: false,
    gate: '10%',
    concurrency: [1, 4, 16],
    image: ['small'],
    network: 'none',
    seed: 1,
    interleave: false,
    engine: [],
  } as Partial<BenchArgs>;
}
