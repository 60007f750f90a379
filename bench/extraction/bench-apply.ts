// Benchmark (not a test): our layer apply vs GNU tar on the same tars, and 64-layer overlay prepare.
// Run: npm run build && node dist/bench/extraction/bench-apply.js [runs] [baseline apply-layer.js]
// With a baseline module (another build's dist/reference-engine/layers/apply-layer.js), it is timed in
// the same rounds, so before/after figures come from one run on the same disk state.
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { applyLayer } from '../../reference-engine/layers/apply-layer.js';
import { OverlayDriver } from '../../reference-engine/storage/drivers/overlay.js';

type Apply = typeof applyLayer;
const runs = Number(process.argv[2] ?? 5);
const baseline: Apply | undefined = process.argv[3]
  ? ((await import(pathToFileURL(process.argv[3]).href)) as { applyLayer: Apply }).applyLayer
  : undefined;
const work = mkdtempSync(join(tmpdir(), 'shipshape-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'inherit', timeout: 600_000 });

function makeLayers(): { big: string; small: string } {
  const big = join(work, 'big-src');
  mkdirSync(big);
  const block = Buffer.alloc(1 << 20);
  for (let f = 0; f < 4; f++) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < 64; i++)
      chunks.push(
        Buffer.from(randomFillSync(block).subarray(0, i % 2 ? 1 << 20 : 1 << 19)),
        Buffer.alloc(i % 2 ? 0 : 1 << 19, f),
      );
    writeFileSync(join(big, `blob${f}`), Buffer.concat(chunks)); // 64 MiB, about half compressible
  }
  const small = join(work, 'small-src');
  for (let d = 0; d < 200; d++) {
    mkdirSync(join(small, `d${d}`), { recursive: true });
    for (let f = 0; f < 100; f++) writeFileSync(join(small, `d${d}`, `f${f}`), `file ${d}/${f}\n`.repeat(40));
  }
  sh('tar', ['-czf', join(work, 'big.tar.gz'), '-C', big, '.']);
  sh('tar', ['-cf', join(work, 'small.tar'), '-C', small, '.']);
  rmSync(big, { recursive: true });
  rmSync(small, { recursive: true });
  return { big: join(work, 'big.tar.gz'), small: join(work, 'small.tar') };
}

interface Timing {
  ours: number;
  gnu: number;
  baseline?: number;
}

/** Each round times every contender once, in a rotating order, each into a fresh directory (then synced). */
async function timeApply(tar: string, flags: string): Promise<Timing> {
  const contenders: Array<[keyof Timing, (dst: string) => Promise<unknown> | unknown]> = [
    [
      'ours',
      (dst) => applyLayer(dst, createReadStream(tar, { highWaterMark: 1 << 20 }), { whiteouts: 'remove' }),
    ],
    ['gnu', (dst) => sh('tar', [flags, tar, '-C', dst])],
  ];
  if (baseline) {
    const apply = baseline;
    contenders.push([
      'baseline',
      (dst) => apply(dst, createReadStream(tar, { highWaterMark: 1 << 20 }), { whiteouts: 'remove' }),
    ]);
  }
  const samples = new Map<keyof Timing, number[]>(contenders.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < contenders.length; j++) {
      const [name, run] = contenders[(i + j) % contenders.length] as (typeof contenders)[number];
      const dst = join(work, `dst-${name}`);
      mkdirSync(dst);
      sh('sync', []);
      const t = performance.now();
      await run(dst);
      samples.get(name)?.push(performance.now() - t);
      rmSync(dst, { recursive: true });
      sh('sync', []);
    }
  }
  const out: Timing = { ours: median(samples.get('ours') ?? []), gnu: median(samples.get('gnu') ?? []) };
  if (baseline) out.baseline = median(samples.get('baseline') ?? []);
  return out;
}

const fmt = (t: Timing, tool: string) =>
  `ours ${t.ours.toFixed(0)} ms, ${tool} ${t.gnu.toFixed(0)} ms` +
  (t.baseline === undefined ? '' : `, baseline ${t.baseline.toFixed(0)} ms`) +
  ` (tar/ours ${(t.gnu / t.ours).toFixed(2)}x)`;

async function timeOverlayPrepare(): Promise<number> {
  const driver = new OverlayDriver(join(work, 'overlay'));
  let parent: string | undefined;
  for (let i = 0; i < 64; i++) {
    await driver.prepare(`a${i}`, parent);
    await driver.commit(`L${i}`, `a${i}`);
    parent = `L${i}`;
  }
  const samples: number[] = [];
  for (let i = 0; i < 20 * runs; i++) {
    const t = performance.now();
    const mounts = await driver.prepare(`ctr${i}`, parent);
    samples.push(performance.now() - t);
    if (mounts[0]?.type !== 'overlay') throw new Error('expected an overlay mount');
    await driver.remove(`ctr${i}`);
  }
  return median(samples.slice(5));
}

try {
  const { big, small } = makeLayers();
  const a = await timeApply(big, '-xzf');
  const b = await timeApply(small, '-xf');
  const prepare = await timeOverlayPrepare();
  console.log(`runs=${runs} (medians)`);
  console.log(`(a) 4 x 64 MiB gzip layer: ${fmt(a, 'tar -xzf')}`);
  console.log(`(b) 20,000 small files:    ${fmt(b, 'tar -xf')}`);
  console.log(`(c) overlay prepare on 64 layers -> mounts: ${prepare.toFixed(2)} ms`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
