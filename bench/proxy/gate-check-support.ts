import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { repoRoot } from '../../core/repo-root.js';

/** The figure both demonstrations delay and watch. */
export const START = 'startup/lifecycle/c1 > start';

/** The options both demonstrations take, plus `--upstream` where one needs it; `out` made absolute. */
export function gateCheckOptions(defaultOut: string) {
  const { values } = parseArgs({
    options: {
      delay: { type: 'string', default: '50' },
      samples: { type: 'string', default: '30' },
      pairs: { type: 'string', default: '10' },
      gate: { type: 'string', default: '10%' },
      out: { type: 'string', default: defaultOut },
      upstream: { type: 'string', default: '/var/run/docker.sock' },
    },
  });
  return { ...values, out: resolve(values.out) };
}

/** The host's 1, 5 and 15 minute load averages. */
export const load = async (): Promise<string> =>
  (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

/** `shipshape bench --suite startup --quick --concurrency 1 ...args`, bounded to 15 minutes. */
export async function benchStartup(args: readonly string[]) {
  const cli = join(repoRoot(), 'dist', 'cli', 'main.js');
  const base = [cli, 'bench', '--suite', 'startup', '--quick', '--concurrency', '1'];
  const r = await execa('node', [...base, ...args], { reject: false, timeout: 900_000, stderr: 'pipe' });
  if (r.exitCode !== 0 && r.exitCode !== 1) console.log(r.stderr.split('\n').slice(-5).join('\n'));
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout };
}

/** Prints the verdict; exit status 0 only when the gate fired on the delay and never on identical runs. */
export async function report(fired: boolean, alarms: number, pairs: string): Promise<void> {
  console.log(
    `gate fired on the delayed start: ${fired ? 'yes' : 'NO'}; false alarms: ${alarms}/${pairs}; load ${await load()}`,
  );
  process.exitCode = fired && alarms === 0 ? 0 : 1;
}
