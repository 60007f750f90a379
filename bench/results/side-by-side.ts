import { figuresOf } from './figures.js';
import { formatValue, markdownTable, sig } from './format.js';
import type { BenchDocument } from './types.js';

export interface SideBySideOptions {
  /** Engine the others are relative to; default the first engine in the document. */
  readonly reference?: string;
  /** Column order; default order of first appearance. */
  readonly engines?: readonly string[];
  readonly phases?: boolean;
}

/**
 * Engines as columns, one row per figure: the median, and for the other engines `(1.52x)` = their median
 * over the reference engine's. A row the reference engine has no value in (extraction rows, whose
 * contenders are tools) is relative to its first value, marked `(ref)`. A missing result is `—`. Readable at a glance, not a significance test.
 */
export function toSideBySide(doc: BenchDocument, o: SideBySideOptions = {}): string {
  const figures = figuresOf(doc, o);
  const engines = o.engines ?? [...new Set(figures.map((f) => f.engine))];
  const reference = o.reference ?? engines[0];
  const byName = new Map<string, Map<string, number>>();
  const units = new Map<string, string>();
  for (const f of figures) {
    units.set(f.name, f.result.unit);
    const row = byName.get(f.name) ?? new Map<string, number>();
    row.set(f.engine, f.summary.median);
    byName.set(f.name, row);
  }
  const rows = [...byName].map(([name, medians]) => {
    // a row without the reference engine (extraction: tools, not engines) is relative to its first value
    const rowRef =
      reference !== undefined && medians.has(reference) ? reference : engines.find((e) => medians.has(e));
    const ref = rowRef === undefined ? undefined : medians.get(rowRef);
    return [
      name,
      ...engines.map((e) => {
        const m = medians.get(e);
        if (m === undefined) return '—';
        const mark = e === rowRef && rowRef !== reference ? ' (ref)' : '';
        const rel = e !== rowRef && ref !== undefined && ref > 0 ? ` (${sig(m / ref)}x)` : '';
        return `${formatValue(m, units.get(name))}${rel}${mark}`;
      }),
    ];
  });
  const header = ['Benchmark (median)', ...engines.map((e) => (e === reference ? `${e} (reference)` : e))];
  return `${markdownTable(header, rows)}\n`;
}
