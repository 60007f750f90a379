// Not a test: shows the gate on real runs. Needs dockerd; takes minutes. Run after `npm run build`:
//   node dist/bench/proxy/gate-check.js [--delay 50] [--samples 30] [--pairs 10] [--gate 10%] [--out DIR]
// Every run is one interleaved A/B run (`bench --ab docker,docker-2`) of two proxies in front of the same
// dockerd. 1. A passes through, B adds --delay ms to POST /containers/{id}/start: the gate must fire on
// `start`. 2. --pairs runs where both pass through (identical configurations): the gate must stay quiet.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { figuresOf } from '../results/figures.js';
import { formatDuration } from '../results/format.js';
import { readBenchJson } from '../results/json.js';
import { type DelayProxy, startDelayProxy } from './delay-proxy.js';
import { benchStartup, gateCheckOptions, load, report, START } from './gate-check-support.js';

const values = gateCheckOptions('/tmp/shipshape-gate-check');
const out = values.out;

/** Start medians of both engines and their spread over the run (min..max of the round medians). */
async function figures(json: string): Promise<string> {
  const doc = await readBenchJson(json).catch(() => undefined);
  if (!doc) return 'no bench.json';
  return figuresOf(doc)
    .filter((f) => f.name === START)
    .map((f) => {
      const s = f.summary;
      return `${f.engine} start median ${formatDuration(s.median)} (min ${formatDuration(s.min)}, p90 ${formatDuration(s.p90)})`;
    })
    .join('; ');
}

async function abRun(name: string, a: DelayProxy, b: DelayProxy) {
  const dir = join(out, name);
  const args = ['--engine', `docker-api=${a.address}`, '--engine', `docker-api=${b.address}`];
  args.push('--ab', 'docker,docker-2', '--samples', values.samples, '--gate', values.gate, '--out', dir);
  const r = await benchStartup(args);
  const verdicts = r.stdout
    .split('\n')
    .filter(
      (l) => /regression\(s\)|^(REGRESSION|IMPROVEMENT) /.test(l) || l.startsWith(`NO-CHANGE ${START}`),
    );
  console.log(`${name}: exit ${r.exitCode}; load ${await load()}; ${await figures(join(dir, 'bench.json'))}`);
  const startLine = r.stdout.split('\n').find((l) => l.includes(`${START} [docker-2]`));
  if (startLine) console.log(`  ${startLine}`);
  if (verdicts.length) console.log(`  ${verdicts[0]}`);
  return r;
}

await mkdir(out, { recursive: true });
const proxy = (file: string, delayMs: number) =>
  startDelayProxy({ upstream: values.upstream, listen: join(out, file), delayMs });
console.log(
  `interleaved A/B runs; delay ${values.delay} ms on POST /containers/{id}/start; ${values.samples} rounds per run; gate ${values.gate}; load ${await load()}`,
);
const plain = await proxy('a.sock', 0);
const twin = await proxy('b.sock', 0);
const slow = await proxy('slow.sock', Number(values.delay));
let fired = false;
let alarms = 0;
try {
  const delayed = await abRun('delayed', plain, slow);
  console.log(`proxy delayed ${slow.delayed()} start calls by ${values.delay} ms`);
  fired = delayed.exitCode === 1 && delayed.stdout.includes(`REGRESSION ${START} [docker-2]`);
  for (let i = 1; i <= Number(values.pairs); i++) {
    const r = await abRun(`identical-${i}`, plain, twin);
    if (r.exitCode !== 0) alarms++;
  }
} finally {
  await Promise.all([plain.close(), twin.close(), slow.close()]);
}
await report(fired, alarms, values.pairs);
