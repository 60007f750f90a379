import { figuresOf } from './figures.js';
import { formatValue, markdownTable } from './format.js';
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
    const v = (x: number) => formatValue(x, f.result.unit);
    const ci = s.ci ? `${v(s.ci.low)} – ${v(s.ci.high)}` : 'n/a (too few samples)';
    return [f.name, f.engine, String(s.n), v(s.median), ci, v(s.p90), v(s.p99), v(s.min), v(s.max)];
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
