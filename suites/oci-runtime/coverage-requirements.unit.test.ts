import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../../core/repo-root.js';
import {
  computeCoverage,
  formatCoverage,
  literalRequirementIds,
  testedIdsFromResults,
} from './support/coverage.js';
import type { Requirement } from './support/index.js';
import { REQUIREMENTS, RUNTIME_REQUIREMENTS } from './support/requirements.js';

// The requirement tables of this suite, without a runtime (a unit test: not run by conform, not packed):
// well formed, covered by the part 1 tests, and in step with the spec copies beside a dev checkout.

const SUITE_DIR = join(repoRoot(), 'suites', 'oci-runtime');
const SPEC_DIR = join(repoRoot(), '..', 'shared', 'specs', 'oci-runtime-spec');
const SPEC_ABSENT = `the runtime-spec copies are not beside this checkout (${SPEC_DIR}): checked on a dev machine only`;
/** Part 1 test files that check the runtime (this file only holds self-check data). */
const PART1 = /^(lifecycle|state|hooks|features|errors)-.*\.test\.ts$/;

/** MUSTs of the runtime table that no test checks, each with why. */
export const UNTESTED_MUSTS: Readonly<Record<string, string>> = {
  'runtime:hooks.path-absolute':
    'a rule for config authors; runtimes are not told how to treat a relative path',
};

const sources = (filter: RegExp) =>
  readdirSync(SUITE_DIR)
    .filter((f) => filter.test(f))
    .map((f) => ({ file: f, text: readFileSync(join(SUITE_DIR, f), 'utf8') }));

const part1Ids = () => new Set(sources(PART1).flatMap((s) => literalRequirementIds(s.text)));

const specText = (file: string): string | undefined => {
  try {
    return readFileSync(join(SPEC_DIR, file), 'utf8');
  } catch {
    return undefined;
  }
};
const words = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^a-z0-9` ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

describe('requirement table', () => {
  test('has unique ids across the runtime and config tables', () => {
    const seen = new Map<string, number>();
    for (const r of REQUIREMENTS) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([id]) => id)).toEqual([]);
  });

  test('names real spec files and section headings', (ctx) => {
    if (!existsSync(SPEC_DIR)) ctx.skip(SPEC_ABSENT);
    const bad: string[] = [];
    for (const r of REQUIREMENTS) {
      const text = specText(r.file);
      const headings = (text ?? '')
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/<[^>]*>/g, ''));
      if (!headings.some((h) => h.replace(/^#+\s*/, '').trim() === r.section))
        bad.push(`${r.id}: ${r.file} § ${r.section}`);
    }
    expect(bad).toEqual([]);
  });

  test('has well-formed entries', () => {
    const bad = REQUIREMENTS.filter(
      (r: Requirement) =>
        !/^(runtime|config):[A-Za-z0-9_.+-]+$/.test(r.id) ||
        !['MUST', 'SHOULD', 'MAY'].includes(r.level) ||
        r.text.trim() === '' ||
        r.text.includes('\n') ||
        r.text.length > 120,
    ).map((r) => r.id);
    expect(bad).toEqual([]);
  });

  test('paraphrases: no runtime-table text repeats 7 words of the spec in a row', (ctx) => {
    if (!existsSync(SPEC_DIR)) ctx.skip(SPEC_ABSENT);
    const copied: string[] = [];
    for (const r of RUNTIME_REQUIREMENTS) {
      const spec = ` ${words(specText(r.file) ?? '').join(' ')} `;
      const w = words(r.text);
      for (let i = 0; i + 7 <= w.length; i++) {
        const run = w.slice(i, i + 7).join(' ');
        if (spec.includes(` ${run} `)) copied.push(`${r.id}: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});

describe('requirement coverage', () => {
  test('every literal requirement id in a suite file is in the table', () => {
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    const unknown = sources(/^(?!coverage-).*\.test\.ts$/).flatMap((s) =>
      literalRequirementIds(s.text)
        .filter((id) => !known.has(id))
        .map((id) => `${s.file}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test('every runtime-table MUST is tested or listed as untested with a reason', () => {
    const tested = part1Ids();
    const missing = RUNTIME_REQUIREMENTS.filter(
      (r) => r.level === 'MUST' && !tested.has(r.id) && !UNTESTED_MUSTS[r.id],
    );
    expect(missing.map((r) => r.id)).toEqual([]);
    const stale = Object.keys(UNTESTED_MUSTS).filter(
      (id) => tested.has(id) || !RUNTIME_REQUIREMENTS.some((r) => r.id === id),
    );
    expect(stale).toEqual([]);
  });

  test('prints the runtime-table coverage of part 1', () => {
    const c = computeCoverage(RUNTIME_REQUIREMENTS, part1Ids());
    console.log(`oci-runtime part 1 requirement coverage: ${formatCoverage(c)}`);
    expect(c.unknown).toEqual([]);
    expect(c.byLevel.MUST.tested).toBeGreaterThan(0);
  });
});

describe('coverage arithmetic (self-check)', () => {
  const table: Requirement[] = [
    { id: 'runtime:a', level: 'MUST', file: 'runtime.md', section: 'Create', text: 'a' },
    { id: 'runtime:b', level: 'MUST', file: 'runtime.md', section: 'Create', text: 'b' },
    { id: 'runtime:c', level: 'SHOULD', file: 'runtime.md', section: 'Create', text: 'c' },
    { id: 'runtime:d', level: 'MAY', file: 'runtime.md', section: 'Create', text: 'd' },
  ];

  test('counts tested and total per level, and lists the rest', () => {
    const c = computeCoverage(table, ['runtime:a', 'runtime:c', 'runtime:zzz']);
    expect(c.byLevel).toEqual({
      MUST: { total: 2, tested: 1 },
      SHOULD: { total: 1, tested: 1 },
      MAY: { total: 1, tested: 0 },
    });
    expect(c.untested.map((r) => r.id)).toEqual(['runtime:b', 'runtime:d']);
    expect(c.unknown).toEqual(['runtime:zzz']);
    expect(formatCoverage(c)).toBe('MUST 1/2 (50%), SHOULD 1/1 (100%), MAY 0/1 (0%)');
  });

  test('takes tested ids from results, ignoring skipped tests', () => {
    const ids = testedIdsFromResults([
      { status: 'pass', requirements: ['runtime:a'] },
      { status: 'xfail', requirements: ['runtime:b'] },
      { status: 'skip', requirements: ['runtime:c'] },
    ]);
    expect([...ids].sort()).toEqual(['runtime:a', 'runtime:b']);
  });

  test('finds literal ids in source text', () => {
    expect(literalRequirementIds(`x('runtime:a.b', "config:c-d"); y(\`runtime:\${z}\`)`)).toEqual([
      'runtime:a.b',
      'config:c-d',
    ]);
  });
});
