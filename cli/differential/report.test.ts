import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Comparison, countKinds, type Difference } from './compare.js';
import { DIFF_SCHEMA, type DiffReport, diffJson } from './report.js';
import { diffMarkdown, MAX_ROWS } from './report-md.js';
import { diffSummaryLines, writeDiffReport } from './write-report.js';

const d = (over: Partial<Difference>): Difference => ({
  scenario: 'errors',
  step: 'inspect',
  request: 'GET /x',
  pointer: '/a',
  kind: 'missing',
  ...over,
});

const differences: Difference[] = [
  d({
    scenario: 'version',
    step: 'version',
    pointer: '/Components/0',
    key: 'Name="Engine"',
    reference: { type: 'object' },
  }),
  d({
    pointer: '',
    kind: 'status-change',
    reference: { type: 'number', value: 200 },
    candidate: { type: 'number', value: 404 },
    note: 'candidate: no such | thing',
  }),
  d({
    pointer: '/Env',
    kind: 'value-change',
    reference: { type: 'array', value: ['A=1', 'P=x'] },
    candidate: { type: 'array', value: ['P=x', 'HOME=/root'] },
  }),
  d({
    pointer: '/Binds',
    kind: 'type-change',
    reference: { type: 'null', value: null },
    candidate: { type: 'array', value: [] },
  }),
];

const comparison = (diffs: Difference[]): Comparison => ({
  reference: 'docker',
  candidate: 'podman',
  counts: countKinds(diffs),
  scenarios: ['version', 'errors'].map((name) => ({
    name,
    description: name,
    steps: [],
    counts: countKinds(diffs.filter((x) => x.scenario === name)),
  })),
  differences: diffs,
  notes: ['podman: container x: 500 busy'],
});

const report = (diffs = differences): DiffReport => ({
  schema: DIFF_SCHEMA,
  createdAt: '2026-01-01T00:00:00.000Z',
  engines: [
    {
      name: 'docker',
      role: 'reference',
      product: 'Docker Engine',
      version: '20.10',
      apiVersion: '1.41',
      address: 'unix:///d',
    },
    { name: 'podman', role: 'candidate', product: 'Podman Engine', version: '4.3.1', address: 'unix:///p' },
  ],
  scenarios: [
    { name: 'version', description: 'GET /version', steps: ['version'] },
    { name: 'errors', description: 'errors', steps: ['inspect'] },
  ],
  comparisons: [comparison(diffs)],
});

describe('diff.md', () => {
  const md = diffMarkdown(report());

  it('starts with the reference, then a count table per scenario with a total row', () => {
    expect(md).toContain('Reference: **docker** (Docker Engine 20.10, API 1.41)');
    expect(md).toContain('## podman (Podman Engine 4.3.1) vs docker');
    expect(md).toContain(
      '| scenario | steps | missing | extra | type-change | value-change | status-change | total |',
    );
    expect(md).toContain('| version | 0 | 1 | 0 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| errors | 0 | 0 | 0 | 1 | 1 | 1 | 3 |');
    expect(md).toContain('| **all** | | **1** | **0** | **1** | **1** | **1** | **4** |');
  });

  it('groups differences by scenario, with keys, notes (pipes escaped) and array deltas', () => {
    const version = md.indexOf('### version');
    const errors = md.indexOf('### errors');
    expect(version).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(version);
    expect(md).toContain('| version | `/Components/0` [Name="Engine"] | missing | object | — |');
    expect(md).toContain(
      '| inspect | (whole body) | status-change | number `200` | number `404` (candidate: no such \\| thing) |',
    );
    expect(md).toContain(
      '| inspect | `/Env` | value-change | only here: `"A=1"` | only here: `"HOME=/root"` |',
    );
    expect(md).toContain('| inspect | `/Binds` | type-change | null `null` | array `[]` |');
    expect(md).toContain('- podman: container x: 500 busy');
  });

  it('stops listing after MAX_ROWS and points at diff.json', () => {
    const many = Array.from({ length: MAX_ROWS + 5 }, (_, i) => d({ pointer: `/f${i}` }));
    const text = diffMarkdown(report(many));
    expect(text.split('\n').filter((l) => l.startsWith('| inspect |'))).toHaveLength(MAX_ROWS);
    expect(text).toContain('5 more differences are in diff.json.');
  });

  it('says so when nothing was compared', () => {
    expect(diffMarkdown({ ...report(), comparisons: [] })).toContain(
      'No other Docker-API engine was compared.',
    );
  });
});

describe('diff.json and the writers', () => {
  it('is versioned and round-trips', () => {
    const parsed = JSON.parse(diffJson(report()));
    expect(parsed.schema).toBe('shipshape.diff/v1');
    expect(parsed.comparisons[0].differences[0]).toEqual(differences[0]);
    expect(parsed.engines.map((e: { role: string }) => e.role)).toEqual(['reference', 'candidate']);
  });

  it('writes diff.json and diff.md and sums up one line per candidate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-diff-'));
    try {
      const written = await writeDiffReport(join(dir, 'out'), report());
      expect(JSON.parse(await readFile(written.json, 'utf8')).schema).toBe(DIFF_SCHEMA);
      expect(await readFile(written.markdown, 'utf8')).toBe(diffMarkdown(report()));
      expect(diffSummaryLines(report())).toEqual([
        'diff podman vs docker: 4 differences (missing 1, extra 0, type-change 1, value-change 1, status-change 1)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
