import type { RunResults } from '../../../core/results/types.js';
import { figuresHtml } from '../../figures.js';
import { htmlPage, section } from '../page/page.js';
import { attacksSection } from './attacks.js';
import { coverageSection } from './coverage.js';
import { expectationsSection } from './expectations.js';
import { failuresSection } from './failures.js';
import { matrixSection } from './matrix.js';
import { statusChartsSection } from './status-bars.js';
import { FILTER_SCRIPT, testTableSection } from './test-table.js';

/** report.html: a self-contained page (inline CSS, SVG charts, a small optional filter script). */
/** The host a run was made on, as far as the results say. */
const hostLine = (h: RunResults['host']): string =>
  [
    h.name ? `host ${h.name}` : '',
    h.distro ?? '',
    `kernel ${h.kernel} ${h.arch}`,
    h.cgroup ? `cgroup ${h.cgroup}` : '',
    h.cpu ? `${h.cpu.count} × ${h.cpu.model}` : '',
    h.storageFilesystem ? `/var/lib on ${h.storageFilesystem}` : '',
    `node ${h.node}`,
  ]
    .filter(Boolean)
    .join(', ');

export function conformanceHtml(results: RunResults): string {
  const engines = results.engines
    .map((e) => `${e.name} (${e.product} ${e.version}${e.apiVersion ? `, API ${e.apiVersion}` : ''})`)
    .join(', ');
  const coverage = coverageSection(results.coverage ?? []);
  const attacks = attacksSection(results);
  const figures = figuresHtml(results);
  return htmlPage({
    title: 'shipshape conformance',
    subtitle: `${results.startedAt} – ${results.finishedAt}; shipshape ${results.shipshapeVersion}; ${hostLine(results.host)}; engines: ${engines || 'none'}`,
    sections: [
      section('matrix', 'Engines × suites', matrixSection(results)),
      section('charts', 'Results per engine', statusChartsSection(results)),
      attacks === '' ? '' : section('attacks', 'Attacks blocked', attacks),
      coverage === '' ? '' : section('coverage', 'Requirement coverage', coverage),
      figures === '' ? '' : section('figures', 'Figures', figures),
      section('failures', 'Failures', failuresSection(results)),
      section('expectations', 'Expected failures (xfail)', expectationsSection(results)),
      section('all-tests', 'All tests', testTableSection(results)),
    ],
    script: results.tests.length > 0 ? FILTER_SCRIPT : undefined,
  });
}
