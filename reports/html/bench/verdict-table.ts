import { engineRatios } from '../../../bench/cli-support/ratios.js';
import { verdicts } from '../../../bench/cli-support/verdicts.js';
import { sig } from '../../../bench/results/format.js';
import type { BenchDocument } from '../../../bench/results/types.js';
import { esc } from '../svg/escape.js';

/**
 * The overview at the top of bench.html: per figure and engine, the ratio to the reference engine with
 * its 95% interval and the verdict; a difference that is not significant (the interval holds 1) is
 * marked so. Empty when the run has no ratio (one engine, or too few values).
 */
export function verdictTable(doc: BenchDocument): string {
  const list = verdicts(doc, engineRatios(doc));
  if (list.length === 0) return '';
  const ratios = new Map(engineRatios(doc).map((r) => [`${r.figure}\u0000${r.engine}`, r]));
  const rows = list.map((v) => {
    const r = ratios.get(`${v.figure}\u0000${v.engine}`);
    const verdict = v.significant
      ? esc(v.kind === 'more' || v.kind === 'less' ? `${v.kind} memory` : v.kind)
      : `<em>not significant</em>${v.kind === 'too-wide' ? ' (too wide to call)' : ''}`;
    return `<tr class="${v.significant ? 'sig' : 'ns'}"><td>${esc(v.figure)}</td><td>${esc(v.engine)} / ${esc(v.reference)}</td><td>${r ? `${sig(r.ratio)}×` : ''}</td><td>${r ? `${sig(r.low)}–${sig(r.high)}×` : ''}</td><td>${verdict}</td></tr>`;
  });
  return [
    '<p>Each engine over the reference engine, per figure (95% intervals; rows in italics are not significant differences).</p>',
    '<div style="overflow-x:auto"><table class="verdicts">',
    '<thead><tr><th>figure</th><th>engine / reference</th><th>ratio</th><th>95% CI</th><th>verdict</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table></div>',
  ].join('\n');
}
