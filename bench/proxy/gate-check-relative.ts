// Not a test: shows the baseline gate on ratios (`--baseline FILE --relative-to crun`) on real runs.
// Needs root, crun and a built shiprun; takes about 10 minutes. Run after `npm run build`:
//   node dist/bench/proxy/gate-check-relative.js [--delay 50] [--samples 30] [--pairs 10] [--out DIR]
// Every run interleaves crun (the reference) with shiprun. 1. A baseline run. 2. shiprun behind a
// wrapper that sleeps --delay ms before `start`: the gate must fire on `start`. 3. --pairs runs, each
// against the previous one (identical configurations): the gate must stay quiet.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, SHIPRUN_CLI } from '../../core/repo-root.js';
import { benchStartup, gateCheckOptions, load, report, START } from './gate-check-support.js';

const values = gateCheckOptions('/tmp/shipshape-gate-check-relative');
const out = values.out;

async function run(name: string, shiprun: string, baseline?: string) {
  const dir = join(out, name);
  const args = ['--interleave', '--engine', 'crun', '--runtime', shiprun, '--samples', values.samples];
  args.push('--out', dir);
  if (baseline) args.push('--baseline', baseline, '--relative-to', 'crun', '--gate', values.gate);
  const r = await benchStartup(args);
  const lines = r.stdout.split('\n');
  const head = lines.find((l) => /regression\(s\)/.test(l));
  const start = lines.find((l) => l.includes(`${START} [shiprun]`));
  console.log(`${name}: exit ${r.exitCode}; load ${await load()}${head ? `; ${head.split(' — ')[0]}` : ''}`);
  if (start) console.log(`  ${start}`);
  return { ...r, json: join(dir, 'bench.json') };
}

await mkdir(out, { recursive: true });
const shiprun = join(out, 'plain', 'shiprun');
const slow = join(out, 'slow', 'shiprun'); // same basename: the engine stays `shiprun`
await mkdir(join(out, 'plain'), { recursive: true });
await mkdir(join(out, 'slow'), { recursive: true });
const real = join(repoRoot(), SHIPRUN_CLI);
await writeFile(shiprun, `#!/bin/sh\nexec ${real} "$@"\n`);
const delay = (Number(values.delay) / 1000).toFixed(3);
await writeFile(
  slow,
  `#!/bin/sh\nfor a in "$@"; do [ "$a" = start ] && sleep ${delay} && break; done\nexec ${real} "$@"\n`,
);
await Promise.all([chmod(shiprun, 0o755), chmod(slow, 0o755)]);
console.log(
  `crun reference, shiprun candidate, interleaved; +${values.delay} ms before \`start\`; ${values.samples} rounds per run; gate ${values.gate}; load ${await load()}`,
);
const base = await run('baseline', shiprun);
const delayed = await run('delayed', slow, base.json);
const fired = delayed.exitCode === 1 && delayed.stdout.includes(`REGRESSION ${START} [shiprun]`);
let previous = base.json;
let alarms = 0;
for (let i = 1; i <= Number(values.pairs); i++) {
  const r = await run(`identical-${i}`, shiprun, previous);
  if (r.exitCode !== 0) alarms++;
  previous = r.json;
}
await report(fired, alarms, values.pairs);
