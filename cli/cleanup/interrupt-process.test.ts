import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../core/results/host.js';
import { SHIPRUN_INIT } from '../embedded/embedded-engines.js';
import { SHIPD_MAIN } from '../embedded/shipd-process.js';

const root = projectRoot();
const main = join(root, 'dist/cli/main.js');
const usable =
  process.getuid?.() === 0 &&
  [main, join(root, SHIPD_MAIN), join(root, SHIPRUN_INIT)].every((f) => existsSync(f));

/** Pids of the processes whose parent is `ppid`, with their command lines. */
function children(ppid: number): { pid: number; args: string }[] {
  const out: { pid: number; args: string }[] = [];
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== ppid) continue;
      out.push({ pid: Number(d), args: readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {}
  }
  return out;
}

describe.skipIf(!usable)('SIGTERM during a conform run on the embedded shipd (root, built shipd)', () => {
  it('removes what the run made, stops shipd with its root, writes partial results and exits 143', async () => {
    const out = await mkdtemp(join(tmpdir(), 'shipshape-sigterm-'));
    try {
      const child = spawn(
        process.execPath,
        [main, 'conform', '--engine', 'shipd', '--suite', 'lifecycle', '--out', out],
        { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      let shipd: { pid: number; args: string } | undefined;
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.stderr.on('data', (d) => {
        stderr += String(d);
        shipd ??= children(child.pid ?? -1).find((p) => p.args.includes(SHIPD_MAIN));
        // signalled once the first file finished: containers exist, the run is under way
        if (/\[shipd\] lifecycle\//.test(stderr) && !child.killed) child.kill('SIGTERM');
      });
      const code = await exited;
      expect(code, stderr).toBe(143);
      expect(stderr).toContain('SIGTERM: cleaning up what this run made');
      expect(shipd, 'the embedded shipd was seen').toBeDefined();
      expect(existsSync(`/proc/${shipd?.pid}`), 'shipd stopped').toBe(false);
      const rootDir = /--root (\S+)\/root/.exec(shipd?.args ?? '')?.[1] ?? '';
      expect(rootDir).toMatch(/shipshape-shipd-/);
      expect(existsSync(rootDir), 'its private root removed').toBe(false);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
      expect(JSON.stringify(results.errors)).toContain('run interrupted by SIGTERM');
      expect(results.tests.length).toBeGreaterThan(0);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);
});
