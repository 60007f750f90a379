import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../core/engines/types.js';
import { buildResults } from '../core/results/build.js';
import { projectRoot } from '../core/results/host.js';
import type { TestResult } from '../core/results/types.js';
import { runCli } from './cli.js';
import type { CliIo } from './io/io.js';
import { silentProgress } from './runner/progress.js';
import { type ConformOptions, runConformance } from './runner/run-all.js';

const engine: EngineDescription = {
  name: 'myengine',
  family: 'docker-api',
  address: 'tcp://127.0.0.1:1',
  source: 'test',
  product: 'mine',
  version: '1',
  capabilities: [],
};
const failing: TestResult = {
  id: 'basics/basics.test.ts > docker-api > answers _ping with OK',
  suite: 'basics',
  name: 'answers _ping with OK',
  engine: 'myengine',
  status: 'fail',
  durationMs: 1,
  tags: [],
  requirements: [],
  message: 'boom',
};

describe("an engine maintainer's own expectations", () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-config-'));
    await mkdir(join(dir, 'mine'));
    await writeFile(
      join(dir, 'mine', 'myengine.yaml'),
      `- id: "${failing.id}"\n  status: fail\n  reason: our ping answers 204 until issue 12 lands\n`,
    );
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'myengine.yaml'), `- id: "${failing.id}"\n  status: fail\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const run = (userExpectations: string[]) =>
    runConformance([engine], {
      root: projectRoot(),
      suites: ['basics'],
      tags: [],
      progress: silentProgress,
      notice: () => {},
      userExpectations,
      runEngine: async () => ({ tests: [failing], errors: [], log: '' }),
    });

  it('--expectations DIR turns a listed failure into xfail with its reason', async () => {
    expect((await run([])).results.tests[0]?.status).toBe('fail');
    const t = (await run([join(dir, 'mine')])).results.tests[0];
    expect(t).toMatchObject({ status: 'xfail', message: 'our ping answers 204 until issue 12 lands' });
  });
  it('holds the same reason rule: an entry without a reason is an error', async () => {
    await expect(run([join(dir, 'bad')])).rejects.toThrow(/reason/);
  });

  const io = (cwd: string) => {
    const calls: ConformOptions[] = [];
    const err = { t: '', write: (s: string) => (err.t += s) };
    const c: CliIo = {
      stdout: { write: () => true },
      stderr: err,
      env: { PATH: '' },
      root: projectRoot(),
      cwd,
      describe: async (e) => ({ ...e, product: 'mine', version: '1', capabilities: [] }),
      runConformance: async (engines, opts) => {
        calls.push(opts);
        const now = new Date();
        const tests = [{ ...failing, engine: engines[0]?.name ?? '', status: 'pass' as const }];
        return {
          results: buildResults({ startedAt: now, finishedAt: now, engines, tests, errors: [] }),
          logs: {},
        };
      },
    };
    return { c, calls, err };
  };

  it('shipshape.yaml in the working directory gives engines, suites, tags and expectation folders', async () => {
    const cwd = join(dir, 'project');
    await mkdir(cwd, { recursive: true });
    await writeFile(
      join(cwd, 'shipshape.yaml'),
      'engines: [tcp://127.0.0.1:1]\nsuites: [basics]\ntags: [system]\nexpectations: ../mine\n',
    );
    const { c, calls } = io(cwd);
    expect(await runCli(['conform', '--out', join(dir, 'out')], c)).toBe(0);
    expect(calls[0]).toMatchObject({
      suites: ['basics'],
      tags: ['system'],
      userExpectations: [join(dir, 'mine')],
    });
    // flags win over the file
    const flagged = io(cwd);
    expect(await runCli(['conform', '--out', join(dir, 'out'), '--suite', 'docker-api'], flagged.c)).toBe(0);
    expect(flagged.calls[0]?.suites).toEqual(['docker-api']);
  });
  it('an unknown key in shipshape.yaml, or a missing --expectations folder, is a usage error', async () => {
    const cwd = join(dir, 'typo');
    await mkdir(cwd, { recursive: true });
    await writeFile(join(cwd, 'shipshape.yaml'), 'engine: [docker]\n');
    const typo = io(cwd);
    expect(await runCli(['conform', '--engine', 'tcp://127.0.0.1:1'], typo.c)).toBe(2);
    expect(typo.err.t).toMatch(
      /shipshape\.yaml: unknown key engine \(known: engines, suites, tags, expectations\)/,
    );
    const missing = io(dir);
    const argv = ['conform', '--engine', 'tcp://127.0.0.1:1', '--expectations', join(dir, 'nope')];
    expect(await runCli(argv, missing.c)).toBe(2);
    expect(missing.err.t).toContain('no such folder');
  });
});
