import type { RunResults } from '../../../core/results/types.js';
import { type AttackCell, attackCounts, attackMatrix, VERDICT_TEXT } from '../../attacks.js';
import { oneLine } from '../../common/counts.js';
import { esc } from '../svg/escape.js';

const TONE: Readonly<Record<AttackCell['verdict'], string>> = {
  blocked: 'cell-pass',
  open: 'cell-fail',
  known: 'cell-warn',
  'n/a': 'cell-skip',
};

const td = (c: AttackCell | undefined): string => {
  if (c === undefined) return '<td>—</td>';
  const title = c.note ? ` title="${esc(oneLine(c.note, 400))}"` : '';
  return `<td class="${TONE[c.verdict]}"${title}>${esc(VERDICT_TEXT[c.verdict])}</td>`;
};

/** The per-engine "attacks blocked" matrix; '' when no attack test ran. */
export function attacksSection(results: RunResults): string {
  const m = attackMatrix(results);
  if (m.rows.length === 0) return '';
  const counts = attackCounts(m);
  const head = m.engines.map((e) => `<th>${esc(e)}</th>`).join('');
  const rows = m.rows.map(
    (r) => `<tr><th>${esc(r.attack)}</th>${m.engines.map((e) => td(r.cells[e])).join('')}</tr>`,
  );
  const total = m.engines
    .map((e) => {
      const c = counts[e];
      return `<td>${c ? `${c.blocked}/${c.tried} blocked${c.open > 0 ? `, <strong>${c.open} not</strong>` : ''}${c.known > 0 ? `, ${c.known} known` : ''}` : ''}</td>`;
    })
    .join('');
  return [
    '<p>A row per attack the security suite makes; a cell is blocked when every test of it passed on the engine, NOT BLOCKED when one failed, a known gap when one failed as a reasoned expectation (hover for the reason), — when every test was skipped.</p>',
    '<table class="matrix">',
    `<thead><tr><th>attack</th>${head}</tr></thead>`,
    `<tbody>${rows.join('\n')}<tr><th>all</th>${total}</tr></tbody>`,
    '</table>',
  ].join('\n');
}
