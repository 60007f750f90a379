import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../run.js';
import { mutationScore, scoreTable } from '../score.js';
import { RUNTIME_MUTATIONS } from './mutations.js';
import { runRuntimeMutants } from './run.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RUNC = '/usr/sbin/runc';
const has = (program: string) => spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
const skipReason = !existsSync(RUNC)
  ? `no runc at ${RUNC}`
  : process.getuid?.() !== 0
    ? 'needs root (the suite makes containers)'
    : !has('jq')
      ? 'the mutant runtimes need jq'
      : !existsSync(join(root, 'dist/cli/main.js')) || !existsSync(cliPath(root))
        ? 'the harness is not built (run `npm run build` or `npm test`)'
        : undefined;

describe('mutation table', () => {
  it('names each mutation once and lists tests for each', () => {
    const names = RUNTIME_MUTATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const m of RUNTIME_MUTATIONS) expect(m.expectFailing.length, m.name).toBeGreaterThan(0);
  });
});

describe.skipIf(skipReason !== undefined)(
  `mutants of the runtime-cli suite${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let workDir = '';
    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it('the suite passes on a faithful runc wrapper and every test fails under some mutant', async () => {
      workDir = await mkdtemp(join(tmpdir(), 'shipshape-rt-mutants-'));
      const run = await runRuntimeMutants({
        root,
        runtime: RUNC,
        mutations: RUNTIME_MUTATIONS,
        workDir,
        concurrency: 3,
        timeoutMs: 300_000,
      });
      const timings = [run.control, ...run.runs].map((r) => `${r.label} ${r.ms} ms (exit ${r.exitCode})`);
      console.log(`${scoreTable(run.verdicts)}\n${timings.join('\n')}`);

      const tests = run.control.results?.tests ?? [];
      expect(tests.length, `control run produced no results: ${run.control.output}`).toBeGreaterThan(80);
      const problems = run.controlProblems.map(
        (p) => `${p.id}: ${p.status} ${p.message?.slice(0, 300) ?? ''}`,
      );
      expect(problems, 'targeted tests that did not pass on the faithful wrapper').toEqual([]);
      // Every test that runs here is targeted by some mutant (skipped ones cannot be shown to fail).
      const targeted = new Set(RUNTIME_MUTATIONS.flatMap((m) => m.expectFailing));
      const untargeted = tests.filter((t) => t.status === 'pass' && !targeted.has(t.id)).map((t) => t.id);
      expect(untargeted, 'suite tests no mutant targets').toEqual([]);
      for (const r of run.runs) {
        expect(r.results, `${r.label}: no results: ${r.output}`).toBeDefined();
        expect(r.applied, `${r.label}: the mutation never fired`).toBeGreaterThan(0);
      }
      for (const v of run.verdicts) {
        expect(
          v.survived.map((t) => `${t.id}: ${t.status}`),
          `${v.mutation} survived`,
        ).toEqual([]);
      }
      expect(mutationScore(run.verdicts)).toMatchObject({
        killed: RUNTIME_MUTATIONS.length,
        total: RUNTIME_MUTATIONS.length,
      });
    }, 900_000);
  },
);
