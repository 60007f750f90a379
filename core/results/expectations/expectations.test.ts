import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestResult } from '../types.js';
import { applyExpectations, skipRulesOf } from './apply.js';
import { loadExpectations } from './load.js';
import { parseExpectations } from './parse.js';

const result = (name: string, status: TestResult['status']): TestResult => ({
  id: `basics/ping.test.ts > ping > ${name}`,
  suite: 'basics',
  name,
  engine: 'podman',
  status,
  durationMs: 1,
  tags: [],
  requirements: [],
  ...(status === 'fail' ? { message: 'expected 400 got 500' } : {}),
});

describe('expectations', () => {
  const list = parseExpectations(
    'podman.yaml',
    `
- id: 'basics/ping.test.ts > ping > broken'
  status: fail
  reason: podman answers 500
- match: 'basics/* > ping > fixed*'
  status: fail
  reason: was broken in 4.2
- match: '*slow*'
  status: skip
  reason: hangs the engine
`,
  );

  it('maps a listed failure to xfail and a listed pass to xpass, with the reason', () => {
    const out = applyExpectations(
      [
        result('broken', 'fail'),
        result('fixed now', 'pass'),
        result('other', 'fail'),
        result('also', 'pass'),
      ],
      list,
    );
    expect(out.map((t) => [t.name, t.status, t.message])).toEqual([
      ['broken', 'xfail', 'podman answers 500'],
      ['fixed now', 'xpass', 'was broken in 4.2'],
      ['other', 'fail', 'expected 400 got 500'],
      ['also', 'pass', undefined],
    ]);
  });

  it('gives skip entries to the runner as rules', () => {
    expect(skipRulesOf(list)).toEqual([{ match: '*slow*', reason: 'hangs the engine' }]);
  });

  it.each([
    ['- id: a\n  status: fail\n', /podman\.yaml: entry 1 \(a\): reason is required/],
    ['- id: a\n  match: b\n  status: fail\n  reason: r\n', /entry 1 \(a\): give exactly one of id or match/],
    ['- id: a\n  status: flaky\n  reason: r\n', /status must be fail or skip/],
    ['- id: a\n  status: fail\n  reason: r\n  note: x\n', /unknown key note/],
    ['id: a\n', /expected a list of entries/],
    ['- [unclosed\n', /not valid YAML/],
  ])('rejects a bad file naming file and entry: %j', (source, message) => {
    expect(() => parseExpectations('podman.yaml', source)).toThrow(message);
  });

  it('loads <engine>.yaml from a folder, and nothing when the file is absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-exp-'));
    try {
      await writeFile(join(dir, 'crun.yaml'), '- match: "*"\n  status: skip\n  reason: r\n');
      expect(await loadExpectations(dir, 'crun')).toHaveLength(1);
      expect(await loadExpectations(dir, 'runc')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adds <engine>/*.yaml per-suite files after <engine>.yaml, in name order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-exp-'));
    try {
      const entry = (id: string) => `- id: ${id}\n  status: fail\n  reason: r\n`;
      await writeFile(join(dir, 'podman.yaml'), entry('top'));
      await mkdir(join(dir, 'podman'));
      await writeFile(join(dir, 'podman', 'b-suite.yaml'), entry('b'));
      await writeFile(join(dir, 'podman', 'a-suite.yaml'), entry('a'));
      await writeFile(join(dir, 'podman', 'notes.md'), 'not yaml');
      const ids = (await loadExpectations(dir, 'podman')).map((e) => e.id);
      expect(ids).toEqual(['top', 'a', 'b']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
