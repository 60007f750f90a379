import { figuresOf } from './figures.js';
import { formatDuration, markdownTable } from './format.js';
import type { BenchDocument } from './types.js';

export const MARKDOWN_COLUMNS = [
  'Benchmark',
  'Engine',
  'n',
  'Median',
  '95% CI',
  'p90',
  'p99',
  'Min',
  'Max',
] as const;

/** One row per figure (phases indented under their benchmark as `id > phase`). */
export function toMarkdown(doc: BenchDocument, o: { phases?: boolean } = {}): string {
  const rows = figuresOf(doc, o).map((f) => {
    const s = f.summary;
    const ci = s.ci ? `${formatDuration(s.ci.low)} – ${formatDuration(s.ci.high)}` : 'n/a (too few samples)';
    return [
      f.name,
      f.engine,
      String(s.n),
      formatDuration(s.median),
      ci,
      formatDuration(s.p90),
      formatDuration(s.p99),
      formatDuration(s.min),
      formatDuration(s.max),
    ];
  });
  const lines = [markdownTable(MARKDOWN_COLUMNS, rows)];
  if (doc.errors.length > 0) {
    lines.push(
      '',
      '**Could not run:**',
      ...doc.errors.map((e) => `- ${[e.benchmark, e.engine].filter(Boolean).join(' on ')}: ${e.message}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
