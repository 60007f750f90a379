import { formatDuration, markdownTable, sig } from '../results/format.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import type { StorageExtras } from './benchmarks.js';
import { CONTENDERS } from './types.js';

type StorageResult = BenchmarkResult & StorageExtras;

/** 1536 -> 1.5 KiB; binary units, three significant figures. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${sig(v)} ${units[i]}`;
}

/** `storage/<contender>/<measure>[/<param>]` split, or undefined for other ids. */
export function parseStorageId(
  id: string,
): { contender: string; measure: string; param?: string } | undefined {
  const [head, contender, measure, param, ...rest] = id.split('/');
  if (head !== 'storage' || !contender || !measure || rest.length) return undefined;
  return param === undefined ? { contender, measure } : { contender, measure, param };
}

interface Column {
  readonly title: string;
  readonly key: string;
  readonly cell: (r: StorageResult) => string;
}

const ms = (r: StorageResult) => formatDuration(r.summary.median);
const paramNumber = (p: string) => Number(p.replace(/\D/g, '')) * (p.endsWith('MiB') ? 1024 : 1);

/** Columns in reading order: create per layer count, copy-up per size, commit, diff, disk, remove. */
function columnsOf(results: readonly StorageResult[]): Column[] {
  const params = (measure: string) =>
    [
      ...new Set(results.flatMap((r) => (r.id.split('/')[2] === measure ? [r.id.split('/')[3] ?? ''] : []))),
    ].sort((a, b) => paramNumber(a) - paramNumber(b));
  const copyUp = (r: StorageResult) => {
    const c = r.copyUp;
    if (!c || c.baselineMedianMs === null) return ms(r);
    return `${formatDuration(c.netMedianMs)} (${ms(r)})`;
  };
  return [
    ...params('create').map((p) => ({ title: `create ${p}`, key: `create/${p}`, cell: ms })),
    ...params('copy-up').map((p) => ({ title: `copy-up ${p}`, key: `copy-up/${p}`, cell: copyUp })),
    { title: 'commit', key: 'commit', cell: ms },
    { title: 'diff size', key: 'commit', cell: (r) => formatBytes(r.diffBytes ?? Number.NaN) },
    ...params('disk-usage').map((p) => ({
      title: `disk after ${p.slice(1)}`,
      key: `disk-usage/${p}`,
      cell: (r: StorageResult) => formatBytes(r.disk?.bytes ?? Number.NaN),
    })),
    { title: 'remove', key: 'remove', cell: ms },
  ];
}

/**
 * The storage matrix of bench.md: rows = contenders, columns = measures (medians with units); a
 * skipped contender shows its reason, a failed one its error. Empty when the run has no storage part.
 */
export function storageMatrix(doc: BenchDocument, skipped: readonly string[] = []): string {
  const results = (doc.benchmarks as StorageResult[]).filter((r) => parseStorageId(r.id));
  const skips = skipped.filter((s) => s.startsWith('storage/'));
  if (results.length === 0 && skips.length === 0) return '';
  const cols = columnsOf(results);
  const rows = CONTENDERS.map((c) => {
    const mine = new Map(
      results.filter((r) => r.engine === c).map((r) => [r.id.split('/').slice(2).join('/'), r]),
    );
    const skip = skips.find((s) => s.startsWith(`storage/${c}:`) || s.startsWith(`storage/${c} `));
    const failed = doc.errors.filter((e) => e.engine === c || e.benchmark?.startsWith(`storage/${c}/`));
    if (mine.size === 0) {
      const why = skip
        ? `skipped: ${skip.slice(skip.indexOf(':') + 1).trim()}`
        : failed.length
          ? `failed: ${failed[0]?.message}`
          : 'not run';
      return [c, why, ...cols.slice(1).map(() => '')];
    }
    return [
      c,
      ...cols.map((col) => {
        const r = mine.get(col.key);
        if (r) return col.cell(r);
        return failed.some((e) => e.benchmark?.endsWith(`/${col.key}`)) ? 'error' : '–';
      }),
    ];
  });
  const note =
    'Medians. copy-up for Docker/Podman: net = append exec − empty exec in the same container, gross in ' +
    'parentheses; reference drivers write through the mount (no exec). diff size: the container diff ' +
    'before commit (SizeRw; reference: usage()). disk: growth of the store after N created containers ' +
    '(allocated blocks; btrfs: filesystem used bytes). Reference commit is a snapshot commit (no tar diff).';
  return `${markdownTable(['contender', ...cols.map((c) => c.title)], rows)}\n\n${note}\n`;
}
