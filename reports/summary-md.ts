import type { RunResults } from '../core/results/types.js';
import { attacksMarkdown } from './attacks-md.js';
import { oneLine, STATUSES, totalsBySuite } from './common/counts.js';
import { coverageMarkdown } from './coverage.js';
import { figuresMarkdown } from './figures.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** Markdown for $GITHUB_STEP_SUMMARY: a table per engine (rows per suite), then failures and errors. */
export function summaryMarkdown(results: RunResults): string {
  const out = ['# shipshape conformance', ''];
  if (results.engines.length === 0) out.push('No engine was tested.', '');
  for (const e of results.engines) {
    const api = e.apiVersion ? `, API ${e.apiVersion}` : '';
    out.push(`## ${cell(e.name)}: ${cell(e.product)} ${cell(e.version)} (${e.family}${api})`, '');
    const mine = results.tests.filter((t) => t.engine === e.name);
    if (mine.length === 0) {
      out.push('No tests ran.', '');
      continue;
    }
    out.push(
      `| suite | ${STATUSES.join(' | ')} | total |`,
      `|---|${STATUSES.map(() => '---:|').join('')}---:|`,
    );
    const total = results.totals[e.name];
    for (const [suite, t] of totalsBySuite(mine)) {
      out.push(`| ${cell(suite)} | ${STATUSES.map((s) => t[s]).join(' | ')} | ${t.total} |`);
    }
    if (total)
      out.push(`| **all** | ${STATUSES.map((s) => `**${total[s]}**`).join(' | ')} | **${total.total}** |`);
    out.push('');
  }
  out.push(...attacksMarkdown(results));
  out.push(...figuresMarkdown(results));
  const failures = results.tests.filter((t) => t.status === 'fail' || t.status === 'xpass');
  if (failures.length > 0) {
    out.push('## Failures', '');
    for (const t of failures) {
      const label = t.status === 'xpass' ? ' (xpass: passed but listed as failing)' : '';
      out.push(`- **${cell(t.engine)}** ${code(t.id)}${label}: ${cell(oneLine(t.message))}`);
    }
    out.push('');
  }
  out.push(...coverageMarkdown(results.coverage ?? []));
  if (results.errors.length > 0) {
    out.push('## Engine errors', '');
    for (const e of results.errors) out.push(`- **${cell(e.engine)}**: ${cell(oneLine(e.message, 400))}`);
    out.push('');
  }
  return out.join('\n');
}
