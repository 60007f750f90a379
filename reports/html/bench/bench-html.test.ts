import { describe, expect, it } from 'vitest';
import type { GateReport } from '../../../bench/gate/types.js';
import { fixtureDocument } from '../../../bench/results/fixture.js';
import { elementsOf, markupProblems } from '../testing/well-formed.js';
import { benchHtml } from './index.js';

const ten = (base: number) => Array.from({ length: 10 }, (_, i) => base + i);
const HOSTILE = 'odd/<script>x</script>&y';
const doc = fixtureDocument([
  { id: 'startup/run/c1', engine: 'docker', samples: ten(300), phases: { create: ten(50), start: ten(200) } },
  {
    id: 'startup/run/c1',
    engine: 'podman',
    samples: ten(600),
    phases: { create: ten(100), start: ten(400) },
  },
  { id: 'startup/run/c1', engine: 'crun', samples: ten(150) },
  { id: HOSTILE, engine: 'docker', samples: [0.5, 0.6, 0.7] },
]);
const first = doc.benchmarks[0];
if (first) first.throughput = { unit: 'containers/s', value: 3.3 };

const gate: GateReport = {
  // cast: the gate's options grow (e.g. normalize) while this fixture names only what the page shows
  options: {
    threshold: 0.1,
    alpha: 0.05,
    correction: 'holm',
    minSamples: 6,
    phases: true,
  } as GateReport['options'],
  comparisons: [
    {
      name: 'startup/run/c1',
      engine: 'docker',
      verdict: 'no-change',
      baseline: { n: 10, median: 300 },
      current: { n: 10, median: 304.5 },
      ratio: 1.015,
      ratioCi: { level: 0.95, low: 0.99, high: 1.04 },
      p: 0.4,
      pAdjusted: 0.8,
      reason: 'not significant',
    },
    {
      name: 'startup/run/c1',
      engine: 'podman',
      verdict: 'regression',
      baseline: { n: 10, median: 400 },
      current: { n: 10, median: 604.5 },
      ratio: 1.51,
      ratioCi: { level: 0.95, low: 1.45, high: 1.58 },
      p: 0.0001,
      pAdjusted: 0.0002,
      reason: 'slower by 51% <&>',
      ...{ normalized: true, rawRatio: 1.6 },
    },
  ],
  onlyInBaseline: [],
  onlyInCurrent: [HOSTILE],
  environmentNotes: [],
};

const html = benchHtml(doc, gate);
const chartOf = (label: string): string => html.split(`aria-label="${label}"`)[1]?.split('</svg>')[0] ?? '';

describe('benchHtml', () => {
  it('is one well-formed, self-contained document with escaped ids', () => {
    expect(markupProblems(html)).toEqual([]);
    expect(html).not.toMatch(/\bsrc=|<link|href=|url\(|@import|https?:|<script/);
    expect(html).toContain('odd/&lt;script&gt;x&lt;/script&gt;&amp;y');
    expect(html).toContain('slower by 51% &lt;&amp;&gt;');
  });

  it('draws one median bar per engine, heights proportional to the medians, with CI and p90/p99', () => {
    const chart = chartOf('startup/run/c1: median per engine');
    const bars = elementsOf(chart, 'rect', 'median');
    expect(bars.map((b) => b['data-engine'])).toEqual(['docker', 'podman', 'crun']);
    const medians = bars.map((b) => Number(b['data-median']));
    expect(medians).toEqual([304.5, 604.5, 154.5]);
    const heights = bars.map((b) => Number(b.height));
    for (let i = 1; i < 3; i++)
      expect((heights[i] ?? 0) / (heights[0] ?? 1)).toBeCloseTo((medians[i] ?? 0) / (medians[0] ?? 1), 2);
    const bottoms = bars.map((b) => Number(b.y) + Number(b.height));
    expect(new Set(bottoms).size).toBe(1);
    expect(chart.match(/class="whisker"/g)).toHaveLength(3);
    expect(elementsOf(chart, 'line', 'p90')).toHaveLength(3);
    expect(elementsOf(chart, 'line', 'p99')).toHaveLength(3);
    // p99 sits above the median (smaller y) on every bar
    const p99 = elementsOf(chart, 'line', 'p99').map((l) => Number(l.y1));
    p99.forEach((y, i) => {
      expect(y).toBeLessThan(Number(bars[i]?.y));
    });
  });

  it('shows phases grouped by engine and throughput', () => {
    const phases = elementsOf(chartOf('startup/run/c1: phase medians per engine'), 'rect', 'phase');
    expect(phases.map((p) => `${p['data-phase']}:${p['data-engine']}`)).toEqual([
      'create:docker',
      'create:podman',
      'start:docker',
      'start:podman',
    ]);
    expect(elementsOf(html, 'rect', 'throughput')).toEqual([
      expect.objectContaining({ 'data-engine': 'docker', 'data-value': '3.3' }),
    ]);
    expect(chartOf(`${'odd/&lt;script&gt;x&lt;/script&gt;&amp;y'}: phase medians per engine`)).toBe('');
  });

  it('lists the environment and puts the gate regression first, in red, with ratio and CI', () => {
    expect(html).toContain('<th>CPU</th><td>2 × Test CPU</td>');
    expect(html).toContain('<th>engine podman</th><td>4.3.1</td>');
    const rows = html.split('<table class="gate">')[1]?.split('</table>')[0] ?? '';
    const first = rows.split('<tbody>')[1]?.split('</tr>')[0] ?? '';
    expect(first).toMatch(/^<tr class="regression"><td>startup\/run\/c1<\/td><td>podman<\/td>/);
    expect(first).toContain('1.51x (+51.0%; host-normalised, raw 1.6x)');
    expect(first).toContain('1.45–1.58');
    expect(html).toContain('<span class="bad">1 regression(s)</span>');
    expect(elementsOf(html, 'circle', 'regression')).toHaveLength(1);
  });

  it('says when the gate is an A/B within one run, or relative to a reference engine', () => {
    expect(html).not.toContain('A/B in one interleaved run');
    const ab = benchHtml(doc, { ...gate, paired: { baseline: 'docker', current: 'docker-<2>' } });
    expect(ab).toContain('A/B in one interleaved run: <b>docker-&lt;2&gt;</b> against <b>docker</b>');
    expect(markupProblems(ab)).toEqual([]);
    const rel = benchHtml(doc, { ...gate, relativeTo: 'crun' });
    expect(rel).toContain('<p>Relative to <b>crun</b>: ');
  });

  it('shows memory medians of the gate in MiB, not as durations', () => {
    const memory = { ...(gate.comparisons[0] as GateReport['comparisons'][number]) };
    const page = benchHtml(doc, {
      ...gate,
      comparisons: [{ ...memory, name: 'memory/daemon/idle', unit: 'MiB', baseline: { n: 8, median: 42.5 } }],
    });
    const rows = page.split('<table class="gate">')[1]?.split('</table>')[0] ?? '';
    expect(rows).toContain('<td>42.5 MiB</td><td>305 MiB</td>');
    expect(rows).not.toContain('42.5 ms');
  });

  it('shows a text gate as preformatted text with regression lines marked', () => {
    const text = benchHtml(doc, 'head\nREGRESSION a [b]: <x>\nIMPROVEMENT c');
    expect(markupProblems(text)).toEqual([]);
    expect(text).toContain('<span class="bad">REGRESSION a [b]: &lt;x&gt;</span>');
    expect(benchHtml(doc)).not.toContain('id="gate"');
  });
});

describe('bench.html verdict table', () => {
  const rounds = ten(0).map((_, i) => i);
  const two = fixtureDocument([
    { id: 'startup/run/c1', engine: 'docker', samples: ten(300), rounds },
    { id: 'startup/run/c1', engine: 'podman', samples: ten(300).map((x) => x * 2), rounds },
    { id: 'extract/small', engine: 'docker', samples: ten(100), rounds },
    {
      id: 'extract/small',
      engine: 'podman',
      samples: [100, 111, 98, 107, 95, 104, 109, 96, 108, 97],
      rounds,
    },
  ]);
  const html = benchHtml(two);
  it('comes first, before every chart, with a row per ratio', () => {
    const at = html.indexOf('id="verdicts"');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(html.indexOf('id="suite-'));
    expect(html).toMatch(/<tr class="sig"><td>startup\/run\/c1<\/td><td>podman \/ docker<\/td><td>2×<\/td>/);
  });
  it('marks a difference that is not significant', () => {
    expect(html).toMatch(/<tr class="ns"><td>extract\/small<\/td>.*<em>not significant<\/em>/);
    expect(markupProblems(html)).toEqual([]);
  });
  it('is absent with one engine', () => {
    expect(benchHtml(fixtureDocument([{ id: 'a/b', engine: 'docker', samples: ten(1) }]))).not.toContain(
      'id="verdicts"',
    );
  });
});
