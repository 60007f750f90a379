import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageLines, coverageMarkdown } from '../../reports/coverage.js';
import { loadRequirementTables, requirementCoverage } from './coverage.js';
import type { TestResult } from './types.js';

const test = (engine: string, status: TestResult['status'], requirements: string[]): TestResult => ({
  id: `s/${engine}/${requirements.join(',')}`,
  suite: 'oci-runtime',
  name: 'n',
  engine,
  status,
  durationMs: 1,
  tags: [],
  requirements,
});

const table = new Map([
  [
    'oci-runtime',
    [
      { id: 'r:a', level: 'MUST' },
      { id: 'r:b', level: 'MUST' },
      { id: 'r:c', level: 'MUST' },
      { id: 'r:d', level: 'SHOULD' },
    ],
  ],
]);

describe('requirement coverage', () => {
  it('counts statements named by tests that ran, per engine, and lists untested MUSTs', () => {
    const tests = [
      test('runc', 'pass', ['r:a']),
      test('runc', 'xfail', ['r:b', 'r:d']),
      test('runc', 'skip', ['r:c']),
      test('crun', 'fail', ['r:a', 'r:b', 'r:c']),
    ];
    const [runc, crun] = requirementCoverage(tests, table);
    expect(runc).toEqual({
      suite: 'oci-runtime',
      engine: 'runc',
      levels: { MUST: { tested: 2, total: 3 }, SHOULD: { tested: 1, total: 1 } },
      untestedMust: ['r:c'],
    });
    expect(crun?.levels.MUST).toEqual({ tested: 3, total: 3 });
    expect(crun?.untestedMust).toEqual([]);
    expect(coverageLines([runc, crun].filter((c) => c !== undefined))).toEqual([
      'coverage oci-runtime on runc: MUST 2/3, SHOULD 1/1 (untested MUSTs: r:c)',
      'coverage oci-runtime on crun: MUST 3/3, SHOULD 0/1',
    ]);
    expect(coverageMarkdown(runc ? [runc] : []).join('\n')).toMatch(
      /Untested MUSTs of oci-runtime on runc: `r:c`/,
    );
  });

  it('lists untested OPERATIONs too, after untested MUSTs; other levels only count', () => {
    const ops = new Map([
      [
        'api',
        [
          { id: 'api:A', level: 'OPERATION' },
          { id: 'api:B', level: 'OPERATION' },
          { id: 'api:C', level: 'OPERATION' },
          { id: 'api:X', level: 'EXCLUDED' },
          { id: 'api:M', level: 'MUST' },
        ],
      ],
    ]);
    const tests = [
      { ...test('docker', 'pass', ['api:A', 'api:X']), suite: 'api' },
      { ...test('docker', 'skip', ['api:B']), suite: 'api' },
      { ...test('podman', 'fail', ['api:A', 'api:B', 'api:C', 'api:M']), suite: 'api' },
    ];
    const [docker, podman] = requirementCoverage(tests, ops);
    expect(docker).toEqual({
      suite: 'api',
      engine: 'docker',
      levels: {
        OPERATION: { tested: 1, total: 3 },
        EXCLUDED: { tested: 1, total: 1 },
        MUST: { tested: 0, total: 1 },
      },
      untestedMust: ['api:M'],
      untestedByLevel: { OPERATION: ['api:B', 'api:C'] },
    });
    expect(podman).not.toHaveProperty('untestedByLevel');
    expect(
      coverageLines(
        [docker, podman].filter((c) => c !== undefined),
        1,
      ),
    ).toEqual([
      'coverage api on docker: MUST 0/1, OPERATION 1/3, EXCLUDED 1/1 (untested MUSTs: api:M) (untested OPERATIONs: api:B, +1 more)',
      'coverage api on podman: MUST 1/1, OPERATION 3/3, EXCLUDED 0/1',
    ]);
    const md = coverageMarkdown(docker ? [docker] : []).join('\n');
    expect(md).toMatch(/Untested MUSTs of api on docker: `api:M`/);
    expect(md).toMatch(/Untested OPERATIONs of api on docker: `api:B`, `api:C`/);
  });

  it('skips an engine that ran none of the suite, and suites without a table', () => {
    const tests = [{ ...test('registry', 'pass', ['x']), suite: 'basics' }];
    expect(requirementCoverage(tests, table)).toEqual([]);
  });

  it('loads REQUIREMENTS given as an array or a Map from dist/suites/<suite>/requirements.js', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'shipshape-cov-'));
    try {
      await mkdir(join(dist, 'suites', 'arr'), { recursive: true });
      await mkdir(join(dist, 'suites', 'map'), { recursive: true });
      await writeFile(
        join(dist, 'suites', 'arr', 'requirements.js'),
        "export const REQUIREMENTS = [{ id: 'a:1', level: 'MUST' }, { nope: 1 }];\n",
      );
      await writeFile(
        join(dist, 'suites', 'map', 'requirements.js'),
        "export const REQUIREMENTS = new Map([['m:1', { id: 'm:1', level: 'SHOULD' }]]);\n",
      );
      const tables = await loadRequirementTables(dist, ['arr', 'map', 'absent']);
      expect(Object.fromEntries(tables)).toEqual({
        arr: [{ id: 'a:1', level: 'MUST' }],
        map: [{ id: 'm:1', level: 'SHOULD' }],
      });
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
