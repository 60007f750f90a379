import { describe, expect, it } from 'vitest';
import { fixtureRun, HOSTILE } from '../testing/run-fixture.js';
import { elementsOf, markupProblems } from '../testing/well-formed.js';
import { conformanceHtml } from './index.js';

const html = conformanceHtml(fixtureRun());
const between = (from: string, to: string): string => html.split(from)[1]?.split(to)[0] ?? '';

describe('conformanceHtml', () => {
  it('is one well-formed, self-contained document', () => {
    expect(markupProblems(html)).toEqual([]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/\bsrc=|<link|href=|url\(|@import|https?:/);
  });

  it('escapes names and messages that come from results', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('expected 200 &lt;got&gt; 500 &amp; &quot;boom&quot;\nstack line');
    expect(html).toContain('vitest crashed: &lt;oom&gt; &amp; more');
    expect(html.match(/<script>/g)).toHaveLength(1); // only the filter
  });

  it('shows the engine x suite matrix with each status count', () => {
    const cell = (engine: string, suite: string) =>
      [...between(`data-engine="${engine}" data-suite="${suite}">`, '</td>').matchAll(/>(\d+)</g)].map((m) =>
        Number(m[1]),
      );
    expect(cell('docker', 'basics')).toEqual([2, 1, 0, 0, 0]);
    expect(cell('docker', 'lifecycle')).toEqual([0, 0, 1, 0, 0]);
    expect(cell('podman', 'basics')).toEqual([1, 0, 0, 1, 1]);
    expect(cell('docker', '*')).toEqual([2, 1, 1, 0, 0]);
    expect(html).toContain('<td class="cell-fail" data-engine="docker" data-suite="basics">');
  });

  it('draws a stacked bar per suite per engine, segments proportional to counts', () => {
    const docker = between('aria-label="Test results of docker by suite"', '</svg>');
    const segs = elementsOf(docker, 'rect').filter((a) => a['data-status']);
    const all = segs.slice(0, 3);
    expect(all.map((a) => [a['data-status'], a['data-count']])).toEqual([
      ['pass', '2'],
      ['fail', '1'],
      ['skip', '1'],
    ]);
    const w = all.map((a) => Number(a.width));
    expect(w[0]).toBeCloseTo(2 * (w[1] ?? 0), 0);
    expect(w[1]).toBeCloseTo(w[2] ?? 0, 1);
  });

  it('lists failures, xpasses, engine errors, expectations and coverage', () => {
    const failures = between('<section id="failures">', '</section>');
    expect(failures.match(/<pre>/g)).toHaveLength(3);
    expect(failures).toContain('(xpass: passed but listed as failing)');
    const xfail = between('<section id="expectations">', '</section>');
    expect(xfail).toContain('podman answers 500 &lt;b&gt;bold&lt;/b&gt;');
    const covered = elementsOf(html, 'rect', 'covered');
    expect(covered.map((a) => [a['data-level'], a['data-tested'], a['data-total']])).toEqual([
      ['MUST', '3', '4'],
      ['SHOULD', '1', '1'],
    ]);
    expect(Number(covered[0]?.width)).toBeCloseTo(0.75 * Number(covered[1]?.width), 0);
    expect(html).toContain('<code>API-&lt;7&gt;</code>');
  });

  it('has a test table readable without JS, with a hidden filter the script reveals', () => {
    const rows = between('<table id="tests">', '</table>').match(/<tr class=/g);
    expect(rows).toHaveLength(7);
    expect(html).toContain('<input id="filter" type="search"');
    expect(between('<input id="filter"', '/>')).toContain('hidden="hidden"');
  });

  it('handles a run without tests', () => {
    const empty = conformanceHtml({ ...fixtureRun(), tests: [], coverage: [] });
    expect(markupProblems(empty)).toEqual([]);
    expect(empty).toContain('No tests ran.');
    expect(empty).not.toContain('<script>');
  });
});
