import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import type { TestResult } from '../../core/results/types.js';
import { runConformance } from './run-all.js';
import type { EngineRun, RunEngineOptions } from './run-engine.js';

const engine = (name: string): EngineDescription => ({
  name,
  family: 'docker-api',
  address: `unix:///${name}.sock`,
  source: 'test',
  product: name,
  version: '1',
  capabilities: [],
});

const result = (e: string, name: string, status: TestResult['status'], message?: string): TestResult => ({
  id: `basics/a.test.ts > ${name}`,
  suite: 'basics',
  name,
  engine: e,
  status,
  durationMs: 1,
  tags: [],
  requirements: [],
  ...(message ? { message } : {}),
});

// An engine that vanishes mid-run: its run ends early with what it had and an error naming the loss;
// the run reports it, keeps those results and goes on to the next engine.
describe('runConformance with an engine that vanishes mid-run', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'shipshape-run-all-'));
    await mkdir(join(root, 'suites', 'basics'), { recursive: true });
    await writeFile(join(root, 'suites', 'basics', 'a.test.ts'), '');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps the results it has, reports the engine, and runs the next one', async () => {
    const ran: string[] = [];
    const runEngine = async (e: EngineDescription, _opts: RunEngineOptions): Promise<EngineRun> => {
      ran.push(e.name);
      if (e.name === 'gone') {
        const lost = 'engine gone became unreachable during the run (connection refused); test not run';
        return {
          tests: [result('gone', 'first', 'pass'), result('gone', 'second', 'fail', lost)],
          errors: ['suites/basics/b.test.ts: not run: engine gone became unreachable during the run'],
          log: '',
        };
      }
      return { tests: [result(e.name, 'first', 'pass')], errors: [], log: '' };
    };
    const { results } = await runConformance([engine('gone'), engine('next')], {
      root,
      suites: [],
      tags: [],
      expectationsDir: join(root, 'none'),
      progress: { update() {}, fileDone() {}, end() {} },
      notice: () => {},
      runEngine,
    });
    expect(ran).toEqual(['gone', 'next']);
    expect(results.tests.map((t) => `${t.engine} ${t.name} ${t.status}`)).toEqual([
      'gone first pass',
      'gone second fail',
      'next first pass',
    ]);
    expect(results.errors).toEqual([
      { engine: 'gone', message: expect.stringMatching(/became unreachable during the run/) },
    ]);
    expect(results.totals.next?.pass).toBe(1);
  });

  it('goes on when an engine run crashes outright', async () => {
    const { results } = await runConformance([engine('crash'), engine('next')], {
      root,
      suites: [],
      tags: [],
      expectationsDir: join(root, 'none'),
      progress: { update() {}, fileDone() {}, end() {} },
      notice: () => {},
      runEngine: async (e) => {
        if (e.name === 'crash') throw new Error('socket hang up');
        return { tests: [result(e.name, 'first', 'pass')], errors: [], log: '' };
      },
    });
    expect(results.errors).toEqual([{ engine: 'crash', message: expect.stringMatching(/socket hang up/) }]);
    expect(results.tests.map((t) => t.engine)).toEqual(['next']);
  });
});
