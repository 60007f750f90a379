// Benchmark (not a test): benchStorageDriver for overlay and vfs, and btrfs on a loop file when root.
// Run: npm run build && node dist/bench/storage/bench-drivers.js [samples]

import { hasTool, mountBtrfsLoop } from '../../reference-engine/storage/btrfs-loop.js';
import { BtrfsDriver } from '../../reference-engine/storage/drivers/btrfs.js';
import { OverlayDriver } from '../../reference-engine/storage/drivers/overlay.js';
import { VfsDriver } from '../../reference-engine/storage/drivers/vfs.js';
import type { Summary } from '../stats/summary.js';
import { benchStorageDriver, type DriverBenchResult } from './bench-driver.js';

const samples = Number(process.argv[2] ?? 5);
const isRoot = process.getuid?.() === 0;
const results: DriverBenchResult[] = [];
const skipped: string[] = [];

if (isRoot) results.push(await benchStorageDriver('overlay', (r) => new OverlayDriver(r), { samples }));
else skipped.push('overlay: needs root');
results.push(await benchStorageDriver('vfs', (r) => new VfsDriver(r), { samples }));
if (isRoot && hasTool('mkfs.btrfs')) {
  const loop = await mountBtrfsLoop('4G', 'shipshape-btrfs-bench-');
  try {
    results.push(
      await benchStorageDriver('btrfs', (r) => new BtrfsDriver(r), { samples, baseDir: loop.mnt }),
    );
  } finally {
    await loop.dispose();
  }
} else skipped.push('btrfs: needs root and btrfs-progs');

const cell = (s: Summary) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}-${s.max.toFixed(1)})`;
const rows: Array<[string, (r: DriverBenchResult) => Summary]> = [
  ['prepare x16', (r) => r.phases.prepare],
  ['write 16x10x1MiB', (r) => r.phases.write],
  ['commit x16', (r) => r.phases.commit],
  ['prepare on 64 layers', (r) => r.deepPrepare],
];
const header = ['ms: median (min-max)', ...results.map((r) => r.driver)];
const lines = [header, ...rows.map(([label, get]) => [label, ...results.map((r) => cell(get(r)))])];
const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
for (const line of lines)
  console.log(
    line
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
console.log(
  `samples=${samples} per figure (x4 for the 64-layer prepare); writes ${isRoot ? 'through the mount' : 'into the layer dir'}`,
);
for (const s of skipped) console.log(`skipped ${s}`);
