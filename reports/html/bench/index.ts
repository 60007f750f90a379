import type { GateReport } from '../../../bench/gate/types.js';
import type { BenchDocument } from '../../../bench/results/types.js';
import { htmlPage, section } from '../page/page.js';
import { environmentSection } from './environment.js';
import { gateSection } from './gate.js';
import { groupSection } from './group-section.js';
import { benchGroups, engineColors } from './groups.js';
import { verdictTable } from './verdict-table.js';

/**
 * bench.html: at the top a verdict table (each engine over the reference, non-significant rows marked),
 * then per benchmark id the engines side by side (median bars with CI whiskers and p90/p99
 * ticks, phase medians, throughput), the environment, and the gate's verdicts when given. `gate` may
 * also be the gate's text report (as the bench command passes it today); it is then shown as text.
 */
export function benchHtml(doc: BenchDocument, gate?: GateReport | string): string {
  const color = engineColors(doc);
  const groups = benchGroups(doc);
  const suites = [...new Set(groups.map((g) => g.id.split('/')[0] ?? g.id))];
  const bySuite = suites.map((s) =>
    section(
      `suite-${s}`,
      `Benchmarks: ${s}`,
      groups
        .filter((g) => (g.id.split('/')[0] ?? g.id) === s)
        .map((g) => groupSection(g, color))
        .join('\n'),
    ),
  );
  const verdicts = verdictTable(doc);
  const engines = Object.entries(doc.environment.engines).map(([k, v]) => `${k} ${v}`);
  return htmlPage({
    title: 'shipshape bench',
    subtitle: `${doc.startedAt} – ${doc.finishedAt}; profile ${doc.settings.profile ?? 'n/a'}; engines: ${engines.join(', ') || 'none'}. Durations: smaller is better.`,
    sections: [
      verdicts ? section('verdicts', 'Verdicts', verdicts) : '',
      gate === undefined || gate === ''
        ? ''
        : section('gate', 'Gate against the baseline', gateSection(gate)),
      ...(groups.length === 0
        ? [section('benchmarks', 'Benchmarks', '<p>No benchmark produced a result.</p>')]
        : bySuite),
      section('environment', 'Environment', environmentSection(doc)),
    ],
  });
}
