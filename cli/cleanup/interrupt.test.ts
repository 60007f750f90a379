import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import { projectRoot } from '../../core/results/host.js';
import type { TestResult } from '../../core/results/types.js';
import { runCli } from '../cli.js';
import type { CliIo } from '../io/io.js';
import { atInterrupt, exitCodeOfSignal, interrupt, resetInterrupts } from './interrupt.js';

const sink = () => {
  let text = '';
  return { write: (s: string) => (text += s), text: () => text };
};

afterEach(() => resetInterrupts());

describe('interrupts', () => {
  it('run the cleanups newest first, bounded, then exit 130 for SIGINT and 143 for SIGTERM', async () => {
    const order: string[] = [];
    atInterrupt('shipd', async () => void order.push('shipd'));
    atInterrupt('hangs', () => new Promise<void>(() => {}));
    atInterrupt('run', async (s) => void order.push(`run ${s}`));
    const said: string[] = [];
    const codes: number[] = [];
    await interrupt('SIGINT', { say: (l) => said.push(l), exit: (c) => codes.push(c), stepMs: 50 });
    expect(order).toEqual(['run SIGINT', 'shipd']);
    expect(codes).toEqual([130]);
    expect(said.join('\n')).toContain('cleaning up hangs: timed out');
    expect(exitCodeOfSignal('SIGTERM')).toBe(143);
  });

  it('a conform run interrupted removes the containers it made (not older ones), writes partial results, exits 143', async () => {
    const out = await mkdtemp(join(tmpdir(), 'shipshape-interrupt-'));
    try {
      const made = new Set(['older']);
      const removed: string[][] = [];
      const codes: number[] = [];
      const stderr = sink();
      const io: CliIo = {
        stdout: sink(),
        stderr,
        env: { PATH: '' },
        root: projectRoot(),
        describe: async (e) => ({ ...e, product: 'Docker Engine', version: '1', capabilities: [] }),
        containers: {
          list: async () => [...made],
          remove: async (_e: EngineDescription, keep = new Set<string>()) => {
            const gone = [...made].filter((id) => !keep.has(id));
            removed.push(gone);
            return gone;
          },
        },
        runConformance: async (_engines, opts) => {
          made.add('of-this-run');
          const t: TestResult = {
            id: 'basics/a.test.ts > done before the signal',
            suite: 'basics',
            name: 'done before the signal',
            engine: '127.0.0.1:1',
            status: 'pass',
            durationMs: 1,
            tags: [],
            requirements: [],
          };
          opts.onResult?.(t);
          await interrupt('SIGTERM', { say: () => {}, exit: (c) => codes.push(c) });
          return new Promise(() => {}); // a run does not end by itself after the signal
        },
      };
      void runCli(['conform', '--engine', 'tcp://127.0.0.1:1', '--out', out], io);
      for (let i = 0; i < 100 && codes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(codes).toEqual([143]);
      expect(removed).toEqual([['of-this-run']]);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      expect(results.tests.map((t: TestResult) => t.name)).toEqual(['done before the signal']);
      expect(JSON.stringify(results.errors)).toContain('run interrupted by SIGTERM: results are partial');
      expect(existsSync(join(out, 'junit.xml'))).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('shipshape clean removes the labelled containers on every engine given, or lists them with --dry-run', async () => {
    const left = ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'];
    const mk = (dry: boolean) => {
      const stdout = sink();
      const io: CliIo = {
        stdout,
        stderr: sink(),
        env: { PATH: '' },
        root: projectRoot(),
        describe: async (e) => ({ ...e, product: 'Docker Engine', version: '1', capabilities: [] }),
        containers: { list: async () => left, remove: async () => (dry ? [] : left) },
      };
      return { io, stdout };
    };
    const dry = mk(true);
    expect(await runCli(['clean', '--engine', 'tcp://127.0.0.1:1', '--dry-run'], dry.io)).toBe(0);
    expect(dry.stdout.text()).toBe('docker: 2 container(s) to remove: aaaaaaaaaaaa bbbbbbbbbbbb\n');
    const wet = mk(false);
    expect(await runCli(['clean', '--engine', 'tcp://127.0.0.1:1'], wet.io)).toBe(0);
    expect(wet.stdout.text()).toBe('docker: removed 2 container(s)\n');
  });
});
