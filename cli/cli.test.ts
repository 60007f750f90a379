import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDocument } from '../bench/results/fixture.js';
import type { DescribeFn } from '../core/engines/describe/describe-engine.js';
import { EngineUnreachableError } from '../core/errors.js';
import { buildResults } from '../core/results/build.js';
import { projectRoot } from '../core/results/host.js';
import type { TestResult } from '../core/results/types.js';
import { runCli } from './cli.js';
import { SHIPD_MAIN } from './embedded/shipd-process.js';
import type { CliIo } from './io/io.js';
import type { ConformOptions } from './runner/run-all.js';

const capture = () => {
  let text = '';
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
};

/** The embedded daemon as a test sees it: started (with its stop counted) or refusing to start. */
function fakeShipd(started: string[], up: boolean): CliIo['startShipd'] {
  return async () => {
    if (!up) throw new EngineUnreachableError('unix:///fake/shipd.sock', 'shipd did not start');
    started.push('start');
    return {
      endpoint: {
        name: 'shipd',
        family: 'docker-api',
        address: 'unix:///fake/shipd.sock',
        source: 'embedded',
      },
      stop: async () => void started.push('stop'),
    };
  };
}

function io(over: Partial<CliIo> = {}) {
  const stdout = capture();
  const stderr = capture();
  const base = { stdout, stderr, env: { PATH: '' }, root: projectRoot(), startShipd: fakeShipd([], false) };
  return { stdout, stderr, io: { ...base, ...over } as CliIo };
}

const nothingAnswers: DescribeFn = async (e) => {
  throw new EngineUnreachableError(e.address, 'refused');
};
const fakeDescribe: DescribeFn = async (e) => ({
  ...e,
  product: 'Docker Engine',
  version: '1',
  capabilities: [],
});

describe('runCli in-process', () => {
  let out = '';
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'shipshape-cli-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('rejects a bad DOCKER_HOST scheme with exit 2, the variable named, no stack', async () => {
    const c = io({ env: { DOCKER_HOST: 'ftp://host:21' }, describe: nothingAnswers });
    expect(await runCli(['engines'], c.io)).toBe(2);
    expect(c.stderr.text).toBe(
      'shipshape: DOCKER_HOST=ftp://host:21: unsupported scheme (expected unix://, tcp://, http:// or https://)\n',
    );
  });

  it('prints a bug with its stack and exits 1', async () => {
    const c = io({
      describe: async () => {
        throw new TypeError('boom');
      },
      env: { DOCKER_HOST: 'unix:///x.sock' },
    });
    // `engines` lists an environment engine that fails to describe as unreachable, whatever the error
    expect(await runCli(['engines'], c.io)).toBe(0);
    expect(c.stdout.text).toMatch(/Probed but not reachable:[\s\S]*x\.sock/);
    const bug = io({
      runConformance: async () => {
        throw new TypeError('boom');
      },
      describe: fakeDescribe,
    });
    expect(await runCli(['conform', '--engine', 'tcp://127.0.0.1:1', '--out', out], bug.io)).toBe(1);
    expect(bug.stderr.text).toMatch(/TypeError: boom\n\s+at /);
  });

  it('conform --detected with no engine prints a notice and exits 0; run exits 2', async () => {
    const c = io({ describe: nothingAnswers });
    expect(await runCli(['conform', '--detected'], c.io)).toBe(0);
    expect(c.stdout.text).toContain('no engine detected');
    const r = io({ describe: nothingAnswers });
    expect(await runCli(['run'], r.io)).toBe(2);
    expect(r.stderr.text).toContain('npm run peers');
  });

  it('run tests the embedded reference engine, then benchmarks it; the exit status is the conformance one', async () => {
    const tested: string[][] = [];
    const benched: string[][] = [];
    const c = io({
      describe: async (e) => ({ ...e, product: e.name, version: '0.1.0', capabilities: [] }),
      runConformance: async (engines) => {
        tested.push(engines.map((e) => e.name));
        const now = new Date();
        const fail: TestResult = {
          id: 'basics/a.test.ts > x',
          suite: 'basics',
          name: 'x',
          engine: 'shiprun',
          status: 'fail',
          durationMs: 1,
          tags: [],
          requirements: [],
        };
        const results = buildResults({ startedAt: now, finishedAt: now, engines, tests: [fail], errors: [] });
        return { results, logs: {} };
      },
      runBench: async (engines, s) => {
        benched.push([...engines.map((e) => e.name), s.profile, ...s.suites]);
        const doc = fixtureDocument([
          { id: 'startup/run/c1', engine: 'shiprun', samples: [5, 6, 7, 8, 9, 10] },
        ]);
        return { document: doc, skipped: [] };
      },
    });
    const dir = join(out, 'main-job');
    const code = await runCli(['run', '--out', dir], c.io);
    const root = process.getuid?.() === 0 && existsSync(join(projectRoot(), 'build', 'shiprun-init'));
    if (!root) {
      expect(code).toBe(2);
      expect(c.stderr.text).toMatch(/reference engine shiprun not used: /);
      return;
    }
    expect(code).toBe(1);
    expect(tested).toEqual([['shiprun']]);
    expect(benched).toEqual([['shiprun', 'quick', 'memory', 'startup', 'extraction']]);
    expect(JSON.parse(await readFile(join(dir, 'bench', 'bench.json'), 'utf8')).benchmarks).toHaveLength(1);
    expect(c.stdout.text).toContain('startup/run/c1');
    expect(await runCli(['run', '--no-bench', '--out', dir], c.io)).toBe(1);
    expect(benched).toHaveLength(1);
  });

  it('conform --detected puts the embedded reference engine first when it is usable here, and stops shipd', async () => {
    const tested: string[][] = [];
    const daemon: string[] = [];
    const c = io({
      env: { PATH: '' },
      startShipd: fakeShipd(daemon, true),
      describe: async (e) => {
        if (e.name !== 'shiprun' && e.name !== 'shipd')
          throw new EngineUnreachableError(e.address, 'refused');
        return { ...e, product: e.name, version: '0.1.0', capabilities: [] };
      },
      runConformance: async (engines) => {
        tested.push(engines.map((e) => e.name));
        const now = new Date();
        return {
          results: buildResults({ startedAt: now, finishedAt: now, engines, tests: [], errors: [] }),
          logs: {},
        };
      },
    });
    const code = await runCli(['conform', '--detected', '--out', join(out, 'detected')], c.io);
    const built = (f: string) => existsSync(join(projectRoot(), f));
    const usable = process.getuid?.() === 0 && built(join('build', 'shiprun-init'));
    const daemonBuilt = usable && built(SHIPD_MAIN);
    expect(code).toBe(0);
    const expected = [...(usable ? ['shiprun'] : []), ...(daemonBuilt ? ['shipd'] : [])];
    expect(tested).toEqual(expected.length ? [expected] : []);
    expect(daemon).toEqual(daemonBuilt ? ['start', 'stop'] : []);
  });

  it('conform --engine shipd starts the embedded daemon alone for the run and stops it', async () => {
    const tested: string[][] = [];
    const daemon: string[] = [];
    const c = io({
      startShipd: fakeShipd(daemon, true),
      describe: async (e) => ({ ...e, product: 'shipd', version: '0.1.0', capabilities: [] }),
      runConformance: async (engines) => {
        tested.push(engines.map((e) => e.name));
        const now = new Date();
        return {
          results: buildResults({ startedAt: now, finishedAt: now, engines, tests: [], errors: [] }),
          logs: {},
        };
      },
    });
    const code = await runCli(['conform', '--engine', 'shipd', '--out', join(out, 'shipd')], c.io);
    const usable =
      process.getuid?.() === 0 &&
      existsSync(join(projectRoot(), 'build', 'shiprun-init')) &&
      existsSync(join(projectRoot(), SHIPD_MAIN));
    if (!usable) {
      expect(code).toBe(2);
      return;
    }
    expect(code).toBe(0);
    expect(tested).toEqual([['shipd']]);
    expect(daemon).toEqual(['start', 'stop']);
  });

  it('conform runs the engines, writes reports and exits 1 on a failure (or an xpass under --strict)', async () => {
    const seen: ConformOptions[] = [];
    const runConformance = async (engines: readonly { name: string }[], opts: ConformOptions) => {
      seen.push(opts);
      const test = (status: TestResult['status']): TestResult => ({
        id: `basics/a.test.ts > ${status}`,
        suite: 'basics',
        name: status,
        engine: 'docker',
        status,
        durationMs: 1,
        tags: [],
        requirements: [],
      });
      const statuses = opts.tags.includes('fail')
        ? (['pass', 'fail'] as const)
        : (['pass', 'xpass'] as const);
      const now = new Date();
      return {
        results: buildResults({
          startedAt: now,
          finishedAt: now,
          engines: engines as never,
          tests: statuses.map(test),
          errors: [],
        }),
        logs: { docker: 'log' },
      };
    };
    const base = ['conform', '--engine', 'docker', '--out', out, '--suite', 'basics', '-t', 'x'];
    const c = io({ describe: fakeDescribe, runConformance });
    expect(await runCli([...base, '--tag', 'fail'], c.io)).toBe(1);
    expect(seen[0]).toMatchObject({ suites: ['basics'], tags: ['fail'], testNamePattern: 'x' });
    expect(JSON.parse(await readFile(join(out, 'results.json'), 'utf8')).totals.docker.fail).toBe(1);
    expect(existsSync(join(out, 'junit.xml')) && existsSync(join(out, 'summary.md'))).toBe(true);
    expect(await readFile(join(out, 'logs/docker.log'), 'utf8')).toBe('log');
    expect(c.stdout.text).toContain('FAIL [docker]');
    expect(await runCli(base, io({ describe: fakeDescribe, runConformance }).io)).toBe(0);
    expect(await runCli([...base, '--strict'], io({ describe: fakeDescribe, runConformance }).io)).toBe(1);
  });

  it('treats unknown suites, commands and a missing engine choice as usage errors', async () => {
    for (const argv of [['conform'], ['nope'], [], ['conform', '--engine', 'docker', '--suite', 'nosuch']]) {
      const c = io({ describe: fakeDescribe });
      expect(await runCli(argv, c.io)).toBe(2);
      expect(c.stderr.text).toMatch(/^shipshape: /);
      expect(c.stderr.text).not.toMatch(/\n\s+at /);
    }
  });
});
