import type { RunResults } from '../core/results/types.js';
import { attackCounts, attackMatrix, VERDICT_TEXT } from './attacks.js';
import { oneLine } from './common/counts.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The "attacks blocked" section of summary.md: a row per attack, a column per engine; [] when none ran. */
export function attacksMarkdown(results: RunResults): string[] {
  const m = attackMatrix(results);
  if (m.rows.length === 0) return [];
  const out = [
    '## Attacks blocked',
    '',
    `| attack | ${m.engines.map(cell).join(' | ')} |`,
    `|---|${m.engines.map(() => '---|').join('')}`,
  ];
  for (const row of m.rows) {
    const cells = m.engines.map((e) => {
      const c = row.cells[e];
      if (c === undefined) return '';
      return c.verdict === 'open' ? `**${VERDICT_TEXT.open}**` : VERDICT_TEXT[c.verdict];
    });
    out.push(`| ${cell(row.attack)} | ${cells.join(' | ')} |`);
  }
  out.push('');
  const counts = attackCounts(m);
  for (const e of m.engines) {
    const c = counts[e];
    if (c === undefined) continue;
    out.push(
      `- **${cell(e)}**: ${c.blocked} of ${c.tried} attacks tried blocked, ${c.open} not blocked, ${c.known} known gaps`,
    );
  }
  out.push('');
  const notes = m.rows.flatMap((row) =>
    m.engines.flatMap((e) => {
      const c = row.cells[e];
      if (c === undefined || (c.verdict !== 'open' && c.verdict !== 'known')) return [];
      return [`- ${cell(e)} ${cell(row.attack)} (${VERDICT_TEXT[c.verdict]}): ${cell(oneLine(c.note, 300))}`];
    }),
  );
  if (notes.length > 0) out.push(...notes, '');
  return out;
}
