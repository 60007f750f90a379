import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MUTATIONS } from './mutations/index.js';
import { cliPath, runMutants } from './run.js';
import { mutationScore, scoreTable } from './score.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DOCKER = '/var/run/docker.sock';
const skipReason = !existsSync(DOCKER)
  ? `no Docker engine at ${DOCKER}`
  : process.getuid?.() !== 0
    ? 'needs root (the suite reads cgroups and binds host paths)'
    : !existsSync(join(root, 'dist/cli/main.js')) || !existsSync(cliPath(root))
      ? 'the harness is not built (run `npx tsc -p tsconfig.build.json` or `npm test`)'
      : undefined;

describe.skipIf(skipReason !== undefined)(
  `mutants of the docker-api suite${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let workDir = '';
    afterAll(async () => {
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });

    it('the suite passes on a faithful proxy and fails its expected tests under every mutation', async () => {
      workDir = await mkdtemp(join(tmpdir(), 'shipshape-mutants-'));
      const run = await runMutants({
        root,
        upstream: DOCKER,
        mutations: MUTATIONS,
        workDir,
        concurrency: 6,
        timeoutMs: 150_000,
      });
      const timings = [run.control, ...run.runs].map((r) => `${r.label} ${r.ms} ms (exit ${r.exitCode})`);
      console.log(`${scoreTable(run.verdicts)}\n${timings.join('\n')}`);

      expect(run.control.results, `control run produced no results: ${run.control.output}`).toBeDefined();
      expect(run.control.results?.errors ?? []).toEqual([]);
      // Without a clean control a failing mutant says nothing (the engine itself may be broken).
      const problems = run.controlProblems.map(
        (p) => `${p.id}: ${p.status} ${p.message?.slice(0, 300) ?? ''}`,
      );
      expect(problems, 'tests that did not pass on the faithful control proxy').toEqual([]);
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
        killed: MUTATIONS.length,
        total: MUTATIONS.length,
      });
    }, 170_000);
  },
);
