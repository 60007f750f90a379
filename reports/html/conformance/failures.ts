import type { RunResults } from '../../../core/results/types.js';
import { esc } from '../svg/escape.js';

/** Failed tests and unexpected passes with their whole messages, then engine errors. */
export function failuresSection(r: RunResults): string {
  const failed = r.tests.filter((t) => t.status === 'fail' || t.status === 'xpass');
  const parts: string[] = [];
  if (failed.length === 0 && r.errors.length === 0) return '<p>No failures.</p>';
  for (const t of failed) {
    const label = t.status === 'xpass' ? ' (xpass: passed but listed as failing)' : '';
    parts.push(
      `<div class="failure"><h3><span class="status ${t.status}">${t.status}</span> ${esc(t.engine)}: ${esc(t.id)}${esc(label)}</h3><pre>${esc(t.message ?? '(no message)')}</pre></div>`,
    );
  }
  for (const e of r.errors) {
    parts.push(
      `<div class="engine-error"><h3 class="bad">engine error: ${esc(e.engine)}</h3><pre>${esc(e.message)}</pre></div>`,
    );
  }
  return parts.join('\n');
}
