import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureDocument } from '../bench/results/fixture.js';
import type { EngineDescription } from '../core/engines/types.js';
import { runCli } from './cli.js';
import type { BenchIo } from './commands/bench.js';

const engine = (name: string): EngineDescription => ({
  name,
  family: 'docker-api',
  address: `unix:///${name}.sock`,
  source: 'test',
  product: name,
  version: '1',
  capabilities: [],
});

describe('shipshape bench prints verdicts and writes bench.md to the step summary', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-bench-summary-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('a hyperfine-style verdict per figure on stdout; bench.md appended to $GITHUB_STEP_SUMMARY', async () => {
    const base = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39];
    const rounds = base.map((_, i) => i);
    let out = '';
    const summary = join(dir, 'summary.md');
    const io: BenchIo = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
      env: { GITHUB_STEP_SUMMARY: summary },
      root: '/work/main',
      bench: {
        findEngines: async () => [engine('docker'), engine('podman')],
        run: async () => ({
          document: fixtureDocument([
            { id: 'startup/lifecycle/c1', engine: 'docker', samples: base, rounds },
            { id: 'startup/lifecycle/c1', engine: 'podman', samples: base.map((x) => x * 1.5), rounds },
          ]),
          skipped: [],
        }),
      },
    };
    const argv = ['bench', '--suite', 'startup', '--engine', 'docker', '--engine', 'podman', '--out', dir];
    expect(await runCli(argv, io)).toBe(0);
    expect(out).toContain('Verdicts:\n  startup/lifecycle/c1: podman is 1.5× slower than docker (95% CI');
    expect(await readFile(summary, 'utf8')).toBe(await readFile(join(dir, 'bench.md'), 'utf8'));
  });
});
