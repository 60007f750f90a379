import type { RunResults } from '../../../core/results/types.js';
import { oneLine } from '../../common/counts.js';
import { esc } from '../svg/escape.js';

/** The filter input starts hidden: without JS the page shows the whole table and no dead control. */
const FILTER =
  '<p><input id="filter" type="search" placeholder="filter tests (engine, suite, name, status, message)" hidden="hidden"/> <span id="filter-count"></span></p>';

/** Shows the rows whose text contains every word typed (case-insensitive). */
export const FILTER_SCRIPT = `(function(){var i=document.getElementById('filter');var c=document.getElementById('filter-count');var rows=Array.prototype.slice.call(document.querySelectorAll('#tests tbody tr'));i.hidden=false;i.addEventListener('input',function(){var words=i.value.toLowerCase().split(/\\s+/).filter(Boolean);var n=0;rows.forEach(function(r){var t=r.textContent.toLowerCase();var ok=words.every(function(w){return t.indexOf(w)>=0;});r.hidden=!ok;if(ok)n++;});c.textContent=words.length?n+' of '+rows.length+' tests':'';});})();`;

/** Every test, one row each: engine, suite, test, status, duration, requirements, message. */
export function testTableSection(r: RunResults): string {
  if (r.tests.length === 0) return '<p>No tests ran.</p>';
  const rows = r.tests.map((t) =>
    [
      `<tr class="${t.status}-row">`,
      `<td>${esc(t.engine)}</td>`,
      `<td>${esc(t.suite)}</td>`,
      `<td class="text" title="${esc(t.id)}">${esc(t.name)}</td>`,
      `<td><span class="status ${t.status}">${t.status}</span></td>`,
      `<td class="num">${(t.durationMs / 1000).toFixed(2)} s</td>`,
      `<td class="text">${esc(t.requirements.join(' '))}</td>`,
      `<td class="text">${esc(oneLine(t.message))}</td>`,
      '</tr>',
    ].join(''),
  );
  const head = ['engine', 'suite', 'test', 'status', 'time', 'requirements', 'message']
    .map((h) => `<th>${h}</th>`)
    .join('');
  return `${FILTER}\n<table id="tests"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
