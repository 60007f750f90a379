import type { RequirementCoverage } from '../../../core/results/types.js';
import { el, esc } from '../svg/escape.js';
import { linearScale } from '../svg/scale.js';
import { rect, svg, text } from '../svg/shapes.js';

const LEVEL_ORDER = ['MUST', 'SHOULD', 'MAY', 'OPERATION'];
const rank = (l: string): number => (LEVEL_ORDER.includes(l) ? LEVEL_ORDER.indexOf(l) : 99);
const ROW = 20;
const LEFT = 70;
const BAR = 300;

/** One bar per level: the grey track is the table's statements, the filled part those tested. */
export function coverageChart(c: RequirementCoverage): string {
  const levels = Object.keys(c.levels).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const x = linearScale(1, LEFT, LEFT + BAR, 1);
  const rows = levels.map((level, i) => {
    const { tested, total } = c.levels[level] ?? { tested: 0, total: 0 };
    const y = 4 + i * ROW;
    const share = total > 0 ? tested / total : 0;
    const fill = share >= 1 ? '#2e7d32' : level === 'MUST' ? '#c62828' : '#f0a500';
    return (
      text(LEFT - 6, y + 12, level, { 'text-anchor': 'end', class: 'label' }) +
      rect(LEFT, y, BAR, ROW - 6, `${level}: ${total} statements`, { fill: '#eee' }) +
      rect(LEFT, y, x(share) - LEFT, ROW - 6, `${level}: ${tested} of ${total} tested`, {
        fill,
        class: 'covered',
        'data-level': level,
        'data-tested': tested,
        'data-total': total,
      }) +
      text(LEFT + BAR + 6, y + 12, `${tested}/${total}`, { class: 'value' })
    );
  });
  const label = `Requirement coverage of ${c.suite} on ${c.engine}`;
  return svg(LEFT + BAR + 70, 8 + levels.length * ROW, label, rows.join(''));
}

/** Coverage as written by newer runs: untested ids of further listed levels (e.g. OPERATION). */
type Listed = RequirementCoverage & { untestedByLevel?: Record<string, string[]> };

function untestedList(level: string, ids: readonly string[]): string {
  const items = ids.map((id) => `<li><code>${esc(id)}</code></li>`).join('');
  const cls = level === 'MUST' ? ' class="bad"' : '';
  return `<details><summary${cls}>${ids.length} untested ${esc(level)} statement(s)</summary><ul>${items}</ul></details>`;
}

/** Coverage bars per suite and engine, each with its untested MUST (and other listed) ids. */
export function coverageSection(coverage: readonly Listed[]): string {
  if (coverage.length === 0) return '';
  return coverage
    .map((c) => {
      const lists: [string, string[]][] = [
        ['MUST', c.untestedMust],
        ...Object.entries(c.untestedByLevel ?? {}),
      ];
      const shown = lists.filter(([, ids]) => ids.length > 0).map(([l, ids]) => untestedList(l, ids));
      const untested =
        c.untestedMust.length === 0
          ? ['<p>Every MUST statement is named by a test that ran.</p>', ...shown]
          : shown;
      const heading = `<h3>${esc(`${c.suite} on ${c.engine}`)}</h3>`;
      return el('div', { class: 'coverage' }, `${heading}${coverageChart(c)}${untested.join('')}`);
    })
    .join('\n');
}
