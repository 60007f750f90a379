import { formatValue, markdownTable, sig } from '../results/format.js';
import { toMarkdown } from '../results/markdown.js';
import { toSideBySide } from '../results/side-by-side.js';
import type { BenchDocument, BenchmarkResult } from '../results/types.js';
import { storageMatrix } from '../storage/matrix.js';
import { engineRatios, ratiosMarkdown } from './ratios.js';

type WithExtras = BenchmarkResult & {
  daemon?: { pid?: number; cpuMs?: number; cpuPercent?: number; rssPeakBytes?: number; note?: string };
  rates?: Record<string, number>;
};

const mb = (bytes: number | undefined) => (bytes === undefined ? '' : `${sig(bytes / 1e6)} MB`);

function throughputTable(doc: BenchDocument): string {
  const rows = (doc.benchmarks as WithExtras[]).map((r) => {
    const rates = r.rates
      ? Object.entries(r.rates)
          .map(([u, v]) => `${sig(v)} ${u}`)
          .join(', ')
      : '';
    const t = r.throughput ? `${sig(r.throughput.value)} ${r.throughput.unit}` : '';
    const d = r.daemon;
    const daemon = !d
      ? ''
      : d.pid === undefined
        ? (d.note ?? '')
        : `pid ${d.pid}: ${sig(d.cpuMs ?? 0)} ms CPU (${sig(d.cpuPercent ?? 0)}%), peak RSS ${mb(d.rssPeakBytes)}`;
    return [
      r.id,
      r.engine,
      String(r.concurrency),
      formatValue(r.summary.median, r.unit),
      rates || t,
      String(r.errors.length),
      daemon,
    ];
  });
  const head = ['Benchmark', 'Engine', 'Concurrency', 'Median', 'Throughput', 'Errors', 'Daemon during run'];
  return markdownTable(head, rows);
}

function ratiosSection(doc: BenchDocument): string[] {
  const ratios = engineRatios(doc);
  const ref = ratios[0]?.reference;
  if (!ref) return [];
  return [
    `## Ratios to ${ref} (95% CI; paired over interleaved rounds where there are rounds)`,
    '',
    ratiosMarkdown(ratios),
  ];
}

function storageSection(doc: BenchDocument, skipped: readonly string[] = []): string[] {
  const m = storageMatrix(doc, skipped);
  return m ? ['## Storage drivers (medians)', '', m] : [];
}

/** bench.md: side-by-side medians, throughput and daemon usage, then every figure, then skips. */
export function benchMarkdown(
  doc: BenchDocument,
  o: { skipped?: readonly string[]; gate?: string } = {},
): string {
  const env = doc.environment;
  const parts = [
    '# shipshape bench',
    '',
    `${doc.startedAt} – ${doc.finishedAt}; profile ${doc.settings.profile ?? 'n/a'}; ${env.cpu.count} × ${env.cpu.model}; kernel ${env.kernel}; work dir on ${env.workDirFilesystem}.`,
    `Engines: ${
      Object.entries(env.engines)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }.`,
    '',
    '## Side by side (medians; ratio to the first column)',
    '',
    toSideBySide(doc, { phases: false }),
    ...ratiosSection(doc),
    ...storageSection(doc, o.skipped),
    '## Throughput and daemon usage',
    '',
    `${throughputTable(doc)}\n`,
    '## All figures',
    '',
    toMarkdown(doc),
  ];
  if (o.skipped?.length) parts.push('## Skipped', '', ...o.skipped.map((s) => `- ${s}`), '');
  if (o.gate) parts.push('## Gate against the baseline', '', o.gate);
  return `${parts.join('\n')}\n`;
}
