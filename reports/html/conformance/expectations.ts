import type { RunResults } from '../../../core/results/types.js';
import { esc } from '../svg/escape.js';

/** Known deviations that held (xfail) with the reason recorded for each. */
export function expectationsSection(r: RunResults): string {
  const xfail = r.tests.filter((t) => t.status === 'xfail');
  if (xfail.length === 0) return '<p>No expected failures.</p>';
  const rows = xfail.map(
    (t) =>
      `<tr><td>${esc(t.engine)}</td><td class="text">${esc(t.id)}</td><td class="text">${esc(t.message ?? '')}</td></tr>`,
  );
  return `<table class="expectations"><thead><tr><th>engine</th><th>test</th><th>reason</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}
