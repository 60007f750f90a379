import type { RequirementCoverage } from '../harness/results/types.js';

const LEVEL_ORDER = ['MUST', 'SHOULD', 'MAY'];

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

/** One line per suite and engine, naming up to `limit` untested MUSTs. */
export function coverageLines(coverage: readonly RequirementCoverage[], limit = 8): string[] {
  return coverage.map((c) => {
    const more = c.untestedMust.length > limit ? `, +${c.untestedMust.length - limit} more` : '';
    const untested =
      c.untestedMust.length === 0
        ? ''
        : ` (untested MUSTs: ${c.untestedMust.slice(0, limit).join(', ')}${more})`;
    return `coverage ${c.suite} on ${c.engine}: ${coverageFigures(c)}${untested}`;
  });
}

/** Markdown: a table of figures, then every untested MUST by suite and engine. */
export function coverageMarkdown(coverage: readonly RequirementCoverage[]): string[] {
  if (coverage.length === 0) return [];
  const out = ['## Requirement coverage', '', '| suite | engine | statements tested |', '|---|---|---|'];
  for (const c of coverage) out.push(`| ${c.suite} | ${c.engine} | ${coverageFigures(c)} |`);
  out.push('');
  for (const c of coverage.filter((x) => x.untestedMust.length > 0)) {
    out.push(
      `Untested MUSTs of ${c.suite} on ${c.engine}: ${c.untestedMust.map((id) => `\`${id}\``).join(', ')}`,
      '',
    );
  }
  return out;
}
