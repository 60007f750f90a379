// Benchmark (not a test): benchStorageDriver for overlay and vfs, and btrfs on a loop file when root.
// Run: npm run build && node dist/reference-engine/storage/bench-drivers.js [samples]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Summary } from '../../bench/stats/summary.js';
import { benchStorageDriver, type DriverBenchResult } from './bench-driver.js';
import { BtrfsDriver } from './drivers/btrfs.js';
import { OverlayDriver } from './drivers/overlay.js';
import { VfsDriver } from './drivers/vfs.js';
import { unmount } from './mount.js';

const samples = Number(process.argv[2] ?? 5);
const isRoot = process.getuid?.() === 0;
const results: DriverBenchResult[] = [];
const skipped: string[] = [];

const tool = (cmd: string) => {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};

if (isRoot) results.push(await benchStorageDriver('overlay', (r) => new OverlayDriver(r), { samples }));
else skipped.push('overlay: needs root');
results.push(await benchStorageDriver('vfs', (r) => new VfsDriver(r), { samples }));
if (isRoot && tool('mkfs.btrfs')) {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-btrfs-bench-'));
  try {
    execFileSync('truncate', ['-s', '4G', join(dir, 'fs.img')], { timeout: 10_000 });
    execFileSync('mkfs.btrfs', ['-q', join(dir, 'fs.img')], { timeout: 60_000 });
    mkdirSync(join(dir, 'mnt'));
    execFileSync('mount', ['-o', 'loop', join(dir, 'fs.img'), join(dir, 'mnt')], { timeout: 30_000 });
    results.push(
      await benchStorageDriver('btrfs', (r) => new BtrfsDriver(r), { samples, baseDir: join(dir, 'mnt') }),
    );
  } finally {
    await unmount(join(dir, 'mnt'));
    rmSync(dir, { recursive: true, force: true });
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
