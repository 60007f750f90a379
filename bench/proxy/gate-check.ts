// Not a test: shows the gate on real runs. Needs dockerd; takes minutes. Run after `npm run build`:
//   node dist/bench/proxy/gate-check.js [--delay 50] [--samples 12] [--pairs 10] [--gate 10%] [--out DIR]
// 1. baseline: startup on docker directly; 2. current: the same through a proxy adding --delay ms to
// POST /containers/{id}/start (the gate must fire naming `start`); 3. --pairs comparisons of identical
// configurations (runs i and i+1 of a series, each baseline vs current): the gate must stay quiet.
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { repoRoot } from '../../fixtures/images/index.js';
import { figuresOf } from '../results/figures.js';
import { formatDuration, sig } from '../results/format.js';
import { readBenchJson } from '../results/json.js';
import { startDelayProxy } from './delay-proxy.js';

const { values } = parseArgs({
  options: {
    delay: { type: 'string', default: '50' },
    samples: { type: 'string', default: '12' },
    pairs: { type: 'string', default: '10' },
    gate: { type: 'string', default: '10%' },
    out: { type: 'string', default: '/tmp/shipshape-gate-check' },
    upstream: { type: 'string', default: '/var/run/docker.sock' },
  },
});
const out = resolve(values.out);
const cli = join(repoRoot(), 'dist', 'harness', 'cli', 'main.js');
const START = 'startup/lifecycle/c1 > start';
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

/** The start phase and the host calibration of one run: median and its 95% CI. */
async function figures(json: string): Promise<string> {
  const doc = await readBenchJson(json).catch(() => undefined);
  if (!doc) return 'no bench.json';
  const show = (name: string) => {
    const f = figuresOf(doc).find((x) => x.name === name);
    if (!f) return `${name}: absent`;
    const ci = f.summary.ci
      ? ` (CI ${formatDuration(f.summary.ci.low)}–${formatDuration(f.summary.ci.high)})`
      : '';
    return `${name} median ${formatDuration(f.summary.median)}${ci}`;
  };
  return `${show(START)}; ${show('host/calibration')}`;
}

async function bench(name: string, engine: string, baseline?: string) {
  const dir = join(out, name);
  const args = [cli, 'bench', '--suite', 'startup', '--engine', engine, '--quick', '--concurrency', '1'];
  args.push('--samples', values.samples, '--gate', values.gate, '--out', dir);
  if (baseline) args.push('--baseline', baseline);
  const r = await execa('node', args, { reject: false, timeout: 600_000, stderr: 'pipe' });
  const json = join(dir, 'bench.json');
  const gate = r.stdout
    .split('\n')
    .filter((l) => /regression\(s\)|^(REGRESSION|IMPROVEMENT|Host calibration)/.test(l));
  console.log(`${name}: exit ${r.exitCode}; load ${await load()}; ${await figures(json)}`);
  if (gate.length) console.log(`  ${gate.join('\n  ')}`);
  if (r.exitCode !== 0 && r.exitCode !== 1) console.log(r.stderr.split('\n').slice(-5).join('\n'));
  return { exitCode: r.exitCode, json, stdout: r.stdout };
}

await mkdir(out, { recursive: true });
const listen = join(out, 'delay.sock');
console.log(
  `delay ${values.delay} ms on POST /containers/{id}/start; ${values.samples} samples per run; gate ${values.gate}; load ${await load()}`,
);
const base = await bench('baseline', 'docker');
const proxy = await startDelayProxy({ upstream: values.upstream, listen, delayMs: Number(values.delay) });
let slowed: Awaited<ReturnType<typeof bench>>;
try {
  slowed = await bench('through-proxy', `docker-api=unix://${listen}`, base.json);
} finally {
  await proxy.close();
}
const baseStart = figuresOf(await readBenchJson(base.json)).find((f) => f.name === START);
const share = baseStart
  ? ` = +${sig((Number(values.delay) / baseStart.summary.median) * 100)}% of the baseline start median`
  : '';
console.log(`proxy delayed ${proxy.delayed()} start calls by ${values.delay} ms${share}`);
const fired = slowed.exitCode === 1 && /REGRESSION startup\/lifecycle\/c1 > start/.test(slowed.stdout);
let previous = base.json;
let alarms = 0;
for (let i = 1; i <= Number(values.pairs); i++) {
  const r = await bench(`identical-${i}`, 'docker', previous);
  if (r.exitCode !== 0) alarms++;
  previous = r.json;
}
console.log(
  `gate fired on the delayed start: ${fired ? 'yes' : 'NO'}; false alarms: ${alarms}/${values.pairs}; load ${await load()}`,
);
process.exitCode = fired && alarms === 0 ? 0 : 1;
