import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '../results/fixture.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import { summarize } from '../stats/summary.js';
import { formatBytes, parseStorageId, storageMatrix } from './matrix.js';

const result = (id: string, median: number, extra: Record<string, unknown> = {}): BenchmarkResult => {
  const samples = [median, median, median];
  return {
    id,
    engine: id.split('/')[1] as string,
    parameters: {},
    unit: 'ms',
    samples,
    summary: summarize(samples),
    phases: [],
    concurrency: 1,
    warmup: 1,
    stoppedBy: 'max-samples',
    elapsedMs: 3 * median,
    errors: [],
    ...extra,
  };
};

const doc = (benchmarks: BenchmarkResult[], errors: BenchDocument['errors'] = []): BenchDocument => ({
  ...fixtureDocument([]),
  benchmarks,
  errors,
});

const rowOf = (md: string, contender: string) =>
  md
    .split('\n')
    .find((l) => l.startsWith(`| ${contender} |`))
    ?.split(' | ')
    .map((c) => c.replace(/^\| |\s\|$/g, ''));

describe('storageMatrix', () => {
  const md = storageMatrix(
    doc(
      [
        result('storage/docker-vfs/create/l16', 250),
        result('storage/docker-vfs/create/l1', 40),
        result('storage/docker-vfs/copy-up/1MiB', 150, {
          copyUp: { bytes: 1 << 20, netMedianMs: 12, baselineMedianMs: 138 },
        }),
        result('storage/docker-vfs/copy-up/4KiB', 140, {
          copyUp: { bytes: 4096, netMedianMs: 2, baselineMedianMs: 138 },
        }),
        result('storage/docker-vfs/commit', 800, { diffBytes: 3 * 1024 * 1024 }),
        result('storage/docker-vfs/disk-usage/n10', 900, {
          disk: { containers: 10, bytes: 20 * 1024 * 1024 },
        }),
        result('storage/ref-vfs/copy-up/1MiB', 0.5, {
          copyUp: { bytes: 1 << 20, netMedianMs: 0.5, baselineMedianMs: null },
        }),
        result('startup/lifecycle/c1', 300),
      ],
      [{ engine: 'podman-vfs', message: 'storage [podman-vfs]: podman exited' }],
    ),
    ['storage/docker-fuse-overlayfs: docker-fuse-overlayfs needs /dev/fuse; skipped', 'startup on x: no'],
  );

  it('orders columns by layer count and size, with units', () => {
    const header = md.split('\n')[0];
    expect(header).toBe(
      '| contender | create l1 | create l16 | copy-up 4KiB | copy-up 1MiB | commit | diff size | disk after 10 | remove |',
    );
    expect(rowOf(md, 'docker-vfs')).toEqual([
      'docker-vfs',
      '40 ms',
      '250 ms',
      '2 ms (140 ms)',
      '12 ms (150 ms)',
      '800 ms',
      '3 MiB',
      '20 MiB',
      '–',
    ]);
  });
  it('shows in-process copy-up without a gross figure', () => {
    expect(rowOf(md, 'ref-vfs')?.[4]).toBe('500 µs');
  });
  it('shows skips and failures with their reason, every contender a row', () => {
    expect(rowOf(md, 'docker-fuse-overlayfs')?.[1]).toBe(
      'skipped: docker-fuse-overlayfs needs /dev/fuse; skipped',
    );
    expect(rowOf(md, 'podman-vfs')?.[1]).toBe('failed: storage [podman-vfs]: podman exited');
    expect(rowOf(md, 'ref-btrfs')?.[1]).toBe('not run');
  });
  it('is empty for a run without storage figures', () => {
    expect(storageMatrix(doc([result('startup/lifecycle/c1', 300)]), ['startup on x: no'])).toBe('');
  });
});

describe('helpers', () => {
  it('formats bytes in binary units and parses ids', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(Number.NaN)).toBe('n/a');
    expect(parseStorageId('storage/ref-vfs/create/l1')).toEqual({
      contender: 'ref-vfs',
      measure: 'create',
      param: 'l1',
    });
    expect(parseStorageId('startup/lifecycle/c1')).toBeUndefined();
  });
});
