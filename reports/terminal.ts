import Table from 'cli-table3';
import type { RunResults } from '../core/results/types.js';
import { oneLine, STATUSES } from './common/counts.js';
import { coverageLines } from './coverage.js';

/** The end-of-run table: one row per engine with its counts, then each failure on one line. */
export function terminalSummary(results: RunResults, opts: { color?: boolean } = {}): string {
  const table = new Table({
    head: ['engine', 'product', 'version', ...STATUSES, 'total', 'errors'],
    style: { head: opts.color ? ['cyan'] : [], border: opts.color ? ['grey'] : [] },
  });
  for (const e of results.engines) {
    const t = results.totals[e.name];
    const errors = results.errors.filter((x) => x.engine === e.name).length;
    table.push([e.name, e.product, e.version, ...STATUSES.map((s) => t?.[s] ?? 0), t?.total ?? 0, errors]);
  }
  const lines = [table.toString()];
  for (const t of results.tests.filter((x) => x.status === 'fail' || x.status === 'xpass')) {
    lines.push(`${t.status.toUpperCase()} [${t.engine}] ${t.id}: ${oneLine(t.message, 160)}`);
  }
  for (const e of results.errors) lines.push(`ERROR [${e.engine}] ${oneLine(e.message, 200)}`);
  lines.push(...coverageLines(results.coverage ?? []));
  return `${lines.join('\n')}\n`;
}
