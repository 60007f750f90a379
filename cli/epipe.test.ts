import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/results/host.js';

const main = join(projectRoot(), 'dist/cli/main.js');

describe.skipIf(!existsSync(main))('a closed stdout (shipshape … | head -1)', () => {
  it('ends quietly: no EPIPE stack trace, the exit code of the command', async () => {
    // the reader closes its end before the command writes its table
    const child = spawn(process.execPath, [main, 'engines', '--engine', 'tcp://127.0.0.1:1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: '', DOCKER_HOST: '' },
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|unexpected error|at /);
    expect(code).toBe(0);
  }, 60_000);
});
