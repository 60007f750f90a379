import { describe, expect, it } from 'vitest';
import { buildResults } from '../core/results/build.js';
import type { TestResult } from '../core/results/types.js';
import { attackCounts, attackMatrix } from './attacks.js';
import { attacksMarkdown } from './attacks-md.js';
import { conformanceHtml } from './html/conformance/index.js';
import { summaryMarkdown } from './summary-md.js';
import { fixtureEngine, fixtureTest } from './testing/fixture-parts.js';

const attackTest = (engine: string, attack: string, status: TestResult['status'], message?: string) => ({
  ...fixtureTest(engine, 'security', `${attack} ${status}`, status, message),
  requirements: [`attack:${attack}`],
});

const results = () =>
  buildResults({
    startedAt: new Date(0),
    finishedAt: new Date(1000),
    errors: [],
    engines: [fixtureEngine('a'), fixtureEngine('b'), fixtureEngine('c')],
    tests: [
      attackTest('a', 'layer.traversal', 'pass'),
      attackTest('a', 'layer.traversal', 'skip', 'lacks x'),
      attackTest('a', 'isolation.seccomp', 'fail', 'keyctl is allowed'),
      attackTest('b', 'layer.traversal', 'pass'),
      attackTest('b', 'layer.traversal', 'xfail', 'leaves an image (containerd 1.6)'),
      attackTest('b', 'isolation.seccomp', 'skip', 'b lacks capability seccomp.default-profile'),
      fixtureTest('c', 'docker-api', 'not an attack', 'fail'),
    ],
  });

describe('the attacks-blocked matrix', () => {
  it('has a verdict per attack and engine from the tests naming it', () => {
    const m = attackMatrix(results());
    expect(m.engines).toEqual(['a', 'b']);
    expect(m.rows.map((r) => r.attack)).toEqual(['layer.traversal', 'isolation.seccomp']);
    const verdicts = m.rows.map((r) => [r.cells.a?.verdict, r.cells.b?.verdict]);
    expect(verdicts).toEqual([
      ['blocked', 'known'],
      ['open', 'n/a'],
    ]);
    expect(attackCounts(m)).toEqual({
      a: { tried: 2, blocked: 1, open: 1, known: 0, 'n/a': 0 },
      b: { tried: 1, blocked: 0, open: 0, known: 1, 'n/a': 1 },
    });
  });

  it('appears in summary.md with counts and the reasons of what is not blocked', () => {
    const md = summaryMarkdown(results());
    expect(md).toContain('## Attacks blocked');
    expect(md).toContain('| layer.traversal | blocked | known gap |');
    expect(md).toContain('| isolation.seccomp | **NOT BLOCKED** | — |');
    expect(md).toContain('- **a**: 1 of 2 attacks tried blocked, 1 not blocked, 0 known gaps');
    expect(md).toContain('- a isolation.seccomp (NOT BLOCKED): keyctl is allowed');
  });

  it('appears in report.html as its own section', () => {
    const html = conformanceHtml(results());
    expect(html).toContain('Attacks blocked');
    expect(html).toMatch(/<td class="cell-fail" title="keyctl is allowed">NOT BLOCKED<\/td>/);
  });

  it('is left out when no attack test ran', () => {
    const none = { ...results(), tests: [fixtureTest('c', 'docker-api', 'x', 'pass')] };
    expect(attacksMarkdown(none)).toEqual([]);
    expect(conformanceHtml(none)).not.toContain('Attacks blocked');
  });
});

describe('figures tests report', () => {
  it('appear in summary.md and report.html, and are left out when none were reported', () => {
    const r = results();
    const withFigures = {
      ...r,
      tests: [
        ...r.tests,
        { ...fixtureTest('a', 'reliability', 'density', 'pass'), figures: { rss_per_container_mib: 1.5 } },
      ],
    };
    expect(summaryMarkdown(withFigures)).toContain('| a | density | rss_per_container_mib 1.5 |');
    expect(conformanceHtml(withFigures)).toContain('rss_per_container_mib 1.5');
    expect(summaryMarkdown(r)).not.toContain('## Figures');
  });
});
