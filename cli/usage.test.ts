import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DescribeFn } from '../core/engines/describe/describe-engine.js';
import { buildResults } from '../core/results/build.js';
import { projectRoot } from '../core/results/host.js';
import type { TestResult } from '../core/results/types.js';
import { runCli } from './cli.js';
import { fitColumns } from './commands/engines.js';
import type { CliIo } from './io/io.js';
import { closest, literalTags } from './runner/plan.js';
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

const dockerLike: DescribeFn = async (e) => ({
  ...e,
  product: 'Docker Engine',
  version: '1',
  capabilities: [],
});

/** A conformance runner that records its calls and reports the given tests. */
function io(tests: TestResult[] = []) {
  const stdout = capture();
  const stderr = capture();
  const calls: ConformOptions[] = [];
  const c: CliIo = {
    stdout,
    stderr,
    env: { PATH: '' },
    root: projectRoot(),
    describe: dockerLike,
    runConformance: async (engines, opts) => {
      calls.push(opts);
      const now = new Date();
      return {
        results: buildResults({ startedAt: now, finishedAt: now, engines, tests, errors: [] }),
        logs: {},
      };
    },
  };
  return { stdout, stderr, calls, io: c };
}

describe('selecting nothing is a usage error that says what could have been meant', () => {
  let out = '';
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'shipshape-usage-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });
  const conform = (...rest: string[]) => ['conform', '--engine', 'tcp://127.0.0.1:1', '--out', out, ...rest];

  it('--suite with no value: exit 2 naming the suites, nothing run', async () => {
    for (const argv of [conform('--suite'), conform('--suite', '--tag', 'x')]) {
      const c = io();
      expect(await runCli(argv, c.io), c.stderr.text).toBe(2);
      expect(c.stderr.text).toMatch(/--suite needs a suite name: basics, docker-api, /);
      expect(c.calls).toEqual([]);
    }
  });

  it('--suite that applies to no engine given: exit 2 before running, with the suites each engine has', async () => {
    const c = io();
    expect(await runCli(conform('--suite', 'oci-runtime'), c.io)).toBe(2);
    expect(c.stderr.text).toMatch(
      /--suite oci-runtime selects nothing here: oci-runtime is for runtime-cli engines/,
    );
    expect(c.stderr.text).toMatch(/\(docker-api\): basics, docker-api, lifecycle/);
    expect(c.calls).toEqual([]);
  });

  it('--tag that selects no test: exit 2 with the tags there are and the near ones', async () => {
    const c = io([]);
    expect(await runCli(conform('--tag', 'signal'), c.io)).toBe(2);
    expect(c.stderr.text).toMatch(
      /shipshape: --tag signal selected no test on docker\. did you mean --tag signals\?/,
    );
    expect(c.stderr.text).toMatch(/tags in basics, docker-api, .*: .*lifecycle/);
  });

  it('a selection with tests is not an error', async () => {
    const now = { id: 'basics/a.test.ts > x', suite: 'basics', name: 'x', engine: 'docker', durationMs: 1 };
    const c = io([{ ...now, status: 'pass', tags: ['basics'], requirements: [] }]);
    expect(await runCli(conform('--tag', 'basics'), c.io)).toBe(0);
  });

  it('reads the literal tags of the suites, and finds near names', async () => {
    const tags = await literalTags(projectRoot(), ['lifecycle']);
    expect(tags).toEqual(expect.arrayContaining(['lifecycle', 'signals', 'exit-codes']));
    expect(closest('signal', tags)).toContain('signals');
    expect(closest('zzzzzz', tags)).toEqual([]);
  });
});

describe('--quiet, --verbose, --bail', () => {
  const one = (status: 'pass' | 'fail'): TestResult => ({
    id: `basics/a.test.ts > ${status === 'pass' ? 'passes' : 'fails'}`,
    suite: 'basics',
    name: status === 'pass' ? 'passes' : 'fails',
    engine: 'docker',
    status,
    durationMs: 1,
    tags: [],
    requirements: [],
    ...(status === 'fail' ? { message: 'expected 1\nto be 2' } : {}),
  });
  /** A runner that reports progress and results as the real one does. */
  const talking = (c: ReturnType<typeof io>) => {
    const inner = c.io.runConformance;
    c.io = {
      ...c.io,
      runConformance: async (engines, opts) => {
        const state = { engine: 'docker', file: 'basics/a.test.ts', done: 2, total: 2, failed: 1 };
        opts.progress.fileDone(state);
        opts.onResult?.(one('pass'));
        opts.onResult?.(one('fail'));
        return (inner as NonNullable<CliIo['runConformance']>)(engines, opts);
      },
    };
    return c;
  };
  const argv = ['conform', '--engine', 'tcp://127.0.0.1:1', '--out', join(tmpdir(), 'shipshape-quiet')];
  it('--quiet prints no progress; --verbose a line per test', async () => {
    const quiet = talking(io([one('pass')]));
    await runCli([...argv, '--quiet'], quiet.io);
    expect(quiet.stderr.text).not.toContain('[docker] basics/a.test.ts');
    const normal = talking(io([one('pass')]));
    await runCli(argv, normal.io);
    expect(normal.stderr.text).toContain('[docker] basics/a.test.ts  2/2 tests, 1 failed');
    const verbose = talking(io([one('pass')]));
    await runCli([...argv, '--verbose'], verbose.io);
    expect(verbose.stderr.text).toContain('PASS  [docker] basics/a.test.ts > passes\n');
    expect(verbose.stderr.text).toContain('FAIL  [docker] basics/a.test.ts > fails: expected 1\n');
  });
  it('--bail passes N to the runner; a bad N or --quiet with --verbose is a usage error', async () => {
    const c = io([one('pass')]);
    expect(await runCli([...argv, '--bail', '3'], c.io)).toBe(0);
    expect(c.calls[0]?.bail).toBe(3);
    for (const bad of [
      ['--bail', '0'],
      ['--bail', '1.5'],
      ['--quiet', '--verbose'],
    ]) {
      const b = io([one('pass')]);
      expect(await runCli([...argv, ...bad], b.io)).toBe(2);
      expect(b.calls).toEqual([]);
    }
  });
});

describe('CLI hygiene', () => {
  it('--version prints the package version', async () => {
    const c = io();
    expect(await runCli(['--version'], c.io)).toBe(0);
    expect(c.stdout.text).toMatch(/^shipshape 0\.\d+\.\d+ \(node 2\d\./);
  });
  it('no command: the error lists every command, bench included', async () => {
    const c = io();
    expect(await runCli([], c.io)).toBe(2);
    expect(c.stderr.text).toContain(
      'name a command: engines, conform, run, bench, compare, report, clean, validate',
    );
  });
  it("conform's help says every detected engine needs --detected", async () => {
    const c = io();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runCli(['--help'], c.io)).toBe(0);
      expect(log.mock.calls.join('\n').replace(/\s+/g, ' ')).toContain(
        '(--detected: every engine found here)',
      );
    } finally {
      log.mockRestore();
    }
  });
});

describe('engines', () => {
  it('lists an engine that does not answer as unreachable (exit 0), within 100 columns', async () => {
    const c = io();
    const refusing: DescribeFn = async (e) => {
      if (e.address.includes('127.0.0.1:2')) throw new Error(`cannot reach ${e.address}: ECONNREFUSED`);
      return {
        ...e,
        product: 'Docker Engine',
        version: '20.10.24+dfsg1',
        apiVersion: '1.41',
        capabilities: [],
      };
    };
    const caps = ['containers', 'containers.auto-remove', 'containers.exit-code', 'images.load', 'volumes'];
    const wide: DescribeFn = async (e) => ({ ...(await refusing(e)), capabilities: caps as never });
    const argv = ['engines', '--engine', 'tcp://127.0.0.1:2', '--engine', 'tcp://127.0.0.1:1'];
    const d = { ...c.io, describe: wide, stdout: Object.assign(c.stdout, { columns: 100 }) };
    expect(await runCli(argv, d)).toBe(0);
    expect(c.stdout.text).toMatch(/Probed but not reachable:[\s\S]*127\.0\.0\.1:2[\s\S]*ECONNREFUSED/);
    expect(c.stdout.text).toContain('containers.auto-remove');
    const widest = Math.max(...c.stdout.text.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(100);
  });
  it('fits columns: the widest gives way first', () => {
    expect(fitColumns([['a', 'x'.repeat(200)]], 50)).toEqual([3, 44]);
  });
});

describe('bench', () => {
  it("--out defaults to run's reports/out/bench", async () => {
    const c = io();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runCli(['bench', '--help'], c.io)).toBe(0);
      expect(log.mock.calls.join('\n')).toContain('[default: "reports/out/bench"]');
    } finally {
      log.mockRestore();
    }
  });
});
