import type { ListedCoverage } from '../core/results/coverage.js';
import type { RequirementCoverage } from '../core/results/types.js';

const LEVEL_ORDER = ['MUST', 'SHOULD', 'MAY', 'OPERATION'];

const levelsOf = (c: RequirementCoverage): string[] =>
  Object.keys(c.levels).sort((a, b) => {
    const ia = LEVEL_ORDER.indexOf(a);
    const ib = LEVEL_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });

/** `MUST 140/145, SHOULD 12/12`: statements named by tests that ran, out of the table's. */
export function coverageFigures(c: RequirementCoverage): string {
  return levelsOf(c)
    .map((level) => `${level} ${c.levels[level]?.tested ?? 0}/${c.levels[level]?.total ?? 0}`)
    .join(', ');
}

/** `[level, ids]` of each listed level with untested ids: MUST first, then the others (e.g. OPERATION). */
function untestedLists(c: ListedCoverage): [string, string[]][] {
  const lists: [string, string[]][] = c.untestedMust.length > 0 ? [['MUST', c.untestedMust]] : [];
  for (const [level, ids] of Object.entries(c.untestedByLevel ?? {}))
    if (ids.length > 0) lists.push([level, ids]);
  return lists;
}

/** One line per suite and engine, naming up to `limit` untested ids of each listed level (MUST, OPERATION). */
export function coverageLines(coverage: readonly ListedCoverage[], limit = 8): string[] {
  return coverage.map((c) => {
    const untested = untestedLists(c).map(([level, ids]) => {
      const more = ids.length > limit ? `, +${ids.length - limit} more` : '';
      return ` (untested ${level}s: ${ids.slice(0, limit).join(', ')}${more})`;
    });
    return `coverage ${c.suite} on ${c.engine}: ${coverageFigures(c)}${untested.join('')}`;
  });
}

/** Markdown: a table of figures, then every untested id of the listed levels by suite and engine. */
export function coverageMarkdown(coverage: readonly ListedCoverage[]): string[] {
  if (coverage.length === 0) return [];
  const out = ['## Requirement coverage', '', '| suite | engine | statements tested |', '|---|---|---|'];
  for (const c of coverage) out.push(`| ${c.suite} | ${c.engine} | ${coverageFigures(c)} |`);
  out.push('');
  for (const c of coverage) {
    for (const [level, ids] of untestedLists(c)) {
      out.push(
        `Untested ${level}s of ${c.suite} on ${c.engine}: ${ids.map((id) => `\`${id}\``).join(', ')}`,
        '',
      );
    }
  }
  return out;
}
