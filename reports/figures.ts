import type { RunResults } from '../core/results/types.js';
import { esc } from './html/svg/escape.js';

/** Tests that reported figures, in run order: engine, test name, figures. */
export const testsWithFigures = (r: RunResults) =>
  r.tests.filter((t) => t.figures !== undefined && Object.keys(t.figures).length > 0);

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const line = (figures: Readonly<Record<string, number>>): string =>
  Object.entries(figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

/** summary.md: a line per test that reported figures (data, not verdicts); [] when none did. */
export function figuresMarkdown(r: RunResults): string[] {
  const tests = testsWithFigures(r);
  if (tests.length === 0) return [];
  const out = [
    '## Figures',
    '',
    'Measured by the tests as data (not asserted on).',
    '',
    '| engine | test | figures |',
    '|---|---|---|',
  ];
  for (const t of tests) out.push(`| ${cell(t.engine)} | ${cell(t.name)} | ${cell(line(t.figures ?? {}))} |`);
  out.push('');
  return out;
}

/** report.html: the same as a table; '' when no test reported figures. */
export function figuresHtml(r: RunResults): string {
  const tests = testsWithFigures(r);
  if (tests.length === 0) return '';
  const rows = tests.map(
    (t) => `<tr><td>${esc(t.engine)}</td><td>${esc(t.name)}</td><td>${esc(line(t.figures ?? {}))}</td></tr>`,
  );
  return [
    '<p>Measured by the tests as data (not asserted on).</p>',
    '<table class="expectations"><thead><tr><th>engine</th><th>test</th><th>figures</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
  ].join('\n');
}
